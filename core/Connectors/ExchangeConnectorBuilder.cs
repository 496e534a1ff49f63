using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Core.Connectors;

/// <summary>
/// The Exchange connector for a connection (CONTRACT.md §3 JSON with its secrets): Graph app-only,
/// or EWS with Basic or an app-only Exchange Online token. One place for the sync and the admin API.
/// </summary>
public sealed class ExchangeConnectorBuilder(IHttpClientFactory httpClientFactory, TimeProvider clock, ILoggerFactory logs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Throws <see cref="SyncRunException"/> (<c>ConnectionInvalid</c>) when the settings can't make a connector.</summary>
    public IMailboxConnector Create(JsonObject json)
    {
        try
        {
            return json["type"]?.GetValue<string>() switch
            {
                "graph" => Graph(json),
                "ews" => Ews(json),
                var other => throw new ArgumentException($"The Exchange connection type '{other}' is not 'graph' or 'ews'."),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw new SyncRunException("ConnectionInvalid", $"The Exchange connection can't be used: {ex.Message}", ex);
        }
    }

    private GraphMailboxConnector Graph(JsonObject json)
    {
        json["graphUrl"] ??= GraphConnectionSettings.DefaultGraphUrl;
        return GraphMailboxConnector.Create(GraphConnectionSettings.Parse(json.ToJsonString()), httpClientFactory, clock: clock, logger: logs.CreateLogger<GraphMailboxConnector>());
    }

    private EwsMailboxConnector Ews(JsonObject json)
    {
        if (json["auth"] is JsonObject auth && auth["type"]?.GetValue<string>() == "clientCredentials")
        {
            auth["authority"] ??= EntraCredentials.DefaultAuthority;
        }

        var settings = json.Deserialize<EwsConnectionSettings>(Json) ?? throw new ArgumentException("The EWS connection is empty.");
        var tokens = settings.Auth is EwsClientCredentialsAuth app
            ? new EntraEwsTokenSource(new EntraTokenClient(
                new EntraCredentials { Authority = app.Authority.ToString(), TenantId = app.TenantId, ClientId = app.ClientId, ClientSecret = app.ClientSecret },
                EntraCredentials.ExchangeOnlineScope, httpClientFactory))
            : null;
        return new EwsMailboxConnector(settings, httpClientFactory, tokens, logger: logs.CreateLogger<EwsMailboxConnector>());
    }
}
