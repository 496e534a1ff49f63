using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Connectors.Graph.Batch;
using OutlookCrm.Core.Connectors.Graph.Subscriptions;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// Exchange Online through Microsoft Graph with app-only permissions. Build it once per stored
/// connection and keep it: MSAL's token cache lives in it. The per-mailbox gate (4 requests at
/// once) is process-wide unless a limiter is passed in.
/// </summary>
public sealed class GraphMailboxConnector : ISubscribableMailboxConnector, IOutlookItemIds
{
    private readonly GraphConnectionTester tester;
    private readonly GraphItemIds itemIds;

    public GraphMailboxConnector(
        GraphConnectionSettings settings, IAccessTokenSource tokens, IHttpClientFactory httpClientFactory,
        GraphConnectorOptions? options = null, TimeProvider? clock = null, MailboxConcurrencyLimiter? limiter = null, ILogger<GraphMailboxConnector>? logger = null)
    {
        options ??= new GraphConnectorOptions();
        clock ??= TimeProvider.System;
        limiter ??= options.MaxConcurrentRequestsPerMailbox == MailboxConcurrencyLimiter.Shared.MaxConcurrent
            ? MailboxConcurrencyLimiter.Shared
            : new MailboxConcurrencyLimiter(options.MaxConcurrentRequestsPerMailbox);
        var http = new GraphHttp(httpClientFactory, tokens, settings.BaseUri, limiter, clock, logger, settings.Auth.ClientId);
        var batch = new GraphBatchRunner(http, options);
        Contacts = new GraphContactSide(http, batch, options);
        Events = new GraphEventSide(http, batch, options);
        tester = new GraphConnectionTester(http, tokens, clock);
        Subscriptions = new GraphSubscriptionClient(http);
        itemIds = new GraphItemIds(http);
    }

    /// <summary>The usual way in: settings as stored (CONTRACT.md §3) and the outbound <see cref="IHttpClientFactory"/>.</summary>
    public static GraphMailboxConnector Create(
        GraphConnectionSettings settings, IHttpClientFactory httpClientFactory, GraphConnectorOptions? options = null,
        TimeProvider? clock = null, ILogger<GraphMailboxConnector>? logger = null) =>
        new(settings, new EntraTokenClient(settings.ToEntraCredentials(), EntraCredentials.GraphScope, httpClientFactory), httpClientFactory, options, clock, null, logger);

    public ISyncSide<Contact> Contacts { get; }

    public ISyncSide<CalendarEvent> Events { get; }

    public IGraphSubscriptions Subscriptions { get; }

    public Task<ConnectionTestResult> TestAsync(string mailbox, CancellationToken cancellationToken) => tester.TestAsync(mailbox, cancellationToken);

    /// <summary>The sync keys events by immutable ids (<see cref="GraphPrefer.ImmutableId"/>): the REST id is translated.</summary>
    public Task<OutlookSyncId> SyncIdAsync(string mailbox, string restId, CancellationToken cancellationToken) =>
        itemIds.SyncIdAsync(mailbox, restId, cancellationToken);
}
