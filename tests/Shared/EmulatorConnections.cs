using System.Text.Json.Nodes;
using OutlookCrm.Core.Store;
using OutlookCrm.Emulators.Common;

namespace OutlookCrm.Shared;

/// <summary>How the stored Exchange connection signs in to the emulated Exchange.</summary>
internal enum ExchangeAccess
{
    /// <summary>Graph with an app-only token (client credentials from Entra).</summary>
    GraphAppOnly,

    /// <summary>EWS as the service account (basic auth), impersonating each mailbox.</summary>
    EwsServiceAccount,

    /// <summary>EWS with an app-only Exchange Online token (client credentials, <c>full_access_as_app</c>).</summary>
    EwsAppOnly,
}

/// <summary>
/// Stores the product's <c>exchange</c> and <c>crm</c> connections pointing at an
/// <see cref="EmulatorStack"/>, with the credentials <see cref="EmulatorStack.GrantSyncAccess"/> registered,
/// as the admin API stores them: settings JSON in clear, secrets encrypted by <see cref="ConnectionRepository"/>.
/// On the product side, so the emulators never depend on core; a linked file (not in TestSupport) so the
/// bench, which has no test support, can link it too.
/// </summary>
internal static class EmulatorConnections
{
    private const string Actor = "admin@contoso.com";

    public static async Task SaveAsync(
        ConnectionRepository connections, SyncEndpoints endpoints, SyncAccess access, ExchangeAccess exchange, CancellationToken cancellationToken = default)
    {
        var (exchangeSettings, exchangeSecrets) = Exchange(endpoints, access, exchange);
        await connections.SaveAsync("exchange", exchangeSettings.ToJsonString(), exchangeSecrets, Actor, cancellationToken);
        var crmSettings = new JsonObject
        {
            ["type"] = "salesforce", ["loginUrl"] = endpoints.SalesforceLoginUrl, ["apiVersion"] = "62.0",
            ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["clientId"] = access.SalesforceClientId },
        };
        await connections.SaveAsync("crm", crmSettings.ToJsonString(), new Dictionary<string, string> { ["clientSecret"] = access.SalesforceClientSecret },
            Actor, cancellationToken);
    }

    private static (JsonObject Settings, Dictionary<string, string> Secrets) Exchange(SyncEndpoints endpoints, SyncAccess access, ExchangeAccess exchange)
    {
        if (exchange == ExchangeAccess.EwsServiceAccount)
        {
            return (new JsonObject
            {
                ["type"] = "ews", ["ewsUrl"] = endpoints.EwsUrl,
                ["auth"] = new JsonObject { ["type"] = "basic", ["username"] = access.EwsUsername },
            }, new Dictionary<string, string> { ["password"] = access.EwsPassword });
        }

        var appOnly = new JsonObject
        {
            ["type"] = "clientCredentials", ["authority"] = endpoints.EntraAuthority, ["tenantId"] = endpoints.TenantId, ["clientId"] = access.GraphClientId,
        };
        var settings = exchange == ExchangeAccess.GraphAppOnly
            ? new JsonObject { ["type"] = "graph", ["graphUrl"] = endpoints.GraphUrl, ["auth"] = appOnly }
            : new JsonObject { ["type"] = "ews", ["ewsUrl"] = endpoints.EwsUrl, ["auth"] = appOnly };
        return (settings, new Dictionary<string, string> { ["clientSecret"] = access.GraphClientSecret });
    }
}
