using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Ews.Mapping;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>
/// Exchange reached through EWS with ExchangeImpersonation (on-premises Exchange; Exchange Online
/// until EWS is retired there). Every call names the mailbox it acts for: <see cref="SyncScope.Mailbox"/>.
/// </summary>
public sealed class EwsMailboxConnector : IMailboxConnector, IOutlookItemIds
{
    private readonly EwsConnectionTest test;
    private readonly EwsItemIds itemIds;

    /// <param name="tokens">Required for <see cref="EwsClientCredentialsAuth"/>; unused for Basic.</param>
    public EwsMailboxConnector(EwsConnectionSettings settings, IHttpClientFactory httpClientFactory, IEwsTokenSource? tokens = null, EwsConnectorOptions? options = null, ILogger<EwsMailboxConnector>? logger = null)
    {
        if (settings.Auth is EwsClientCredentialsAuth && tokens is null)
        {
            throw new ArgumentException("An EWS connection with clientCredentials needs an IEwsTokenSource.", nameof(tokens));
        }

        options ??= new EwsConnectorOptions();
        var client = new EwsSoapClient(httpClientFactory.CreateClient(OutboundHttpServiceCollectionExtensions.ClientName), settings, tokens, options.Retry, options.MaxResponseBytes, logger);
        Contacts = new EwsSyncSide<Contact>(client, new ContactMapper(), options);
        Events = new EwsSyncSide<CalendarEvent>(client, new CalendarEventMapper(), options);
        test = new EwsConnectionTest(client, settings, tokens);
        itemIds = new EwsItemIds(client);
    }

    public ISyncSide<Contact> Contacts { get; }

    public ISyncSide<CalendarEvent> Events { get; }

    public Task<ConnectionTestResult> TestAsync(string mailbox, CancellationToken cancellationToken) => test.RunAsync(mailbox, cancellationToken);

    /// <summary>The sync keys items by their EWS ids (no ImmutableId preference), a series by its master's: one GetItem per new id (<see cref="EwsItemIds"/>).</summary>
    public Task<OutlookSyncId> SyncIdAsync(string mailbox, string restId, CancellationToken cancellationToken) => itemIds.SyncIdAsync(mailbox, restId, cancellationToken);
}
