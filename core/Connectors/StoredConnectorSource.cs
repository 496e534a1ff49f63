using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Core.Connectors;

/// <summary>
/// Builds the connectors from the connections the admin stored (CONTRACT.md §3 JSON, secrets kept
/// apart and encrypted) and keeps each one while its connection is unchanged: MSAL's and Salesforce's
/// token caches live in them.
/// </summary>
public sealed class StoredConnectorSource(
    ConnectionRepository connections, ExchangeConnectorBuilder exchange, SalesforceConnectorFactory salesforce)
    : IConnectorSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset Version, IMailboxConnector Connector)? mailbox;
    private (DateTimeOffset Version, ICrmConnector Connector)? crm;

    public async Task<IMailboxConnector> MailboxAsync(CancellationToken cancellationToken)
    {
        var stored = await FindAsync("exchange", "The Exchange connection is not configured (PUT /api/admin/connections/exchange).", cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (mailbox is not { } cached || cached.Version != stored.UpdatedAt)
            {
                mailbox = (stored.UpdatedAt, exchange.Create(MergedJson(stored)));
            }

            return mailbox.Value.Connector;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<ICrmConnector> CrmAsync(CancellationToken cancellationToken)
    {
        var stored = await FindAsync("crm", "The CRM connection is not configured (PUT /api/admin/connections/crm).", cancellationToken);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (crm is not { } cached || cached.Version != stored.UpdatedAt)
            {
                var settings = Deserialize<SalesforceConnectionSettings>(MergedJson(stored), "crm");
                crm = (stored.UpdatedAt, salesforce.Create(settings));
            }

            return crm.Value.Connector;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The stored settings with the decrypted secrets put back under <c>auth</c>, as the admin sent them.</summary>
    public static JsonObject MergedJson(StoredConnection stored)
    {
        var json = JsonNode.Parse(stored.SettingsJson) as JsonObject ?? new JsonObject();
        if (json["auth"] is not JsonObject auth)
        {
            auth = new JsonObject();
            json["auth"] = auth;
        }

        foreach (var (field, value) in stored.Secrets)
        {
            auth[field] = value;
        }

        return json;
    }

    private async Task<StoredConnection> FindAsync(string kind, string missing, CancellationToken cancellationToken) =>
        await connections.FindAsync(kind, cancellationToken) ?? throw new SyncRunException(SyncRunException.ConnectionMissing, missing);

    private static T Deserialize<T>(JsonObject json, string kind)
    {
        try
        {
            return json.Deserialize<T>(Json) ?? throw new JsonException("empty");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            throw new SyncRunException("ConnectionInvalid", $"The stored {kind} connection can't be read: {ex.Message}", ex);
        }
    }
}
