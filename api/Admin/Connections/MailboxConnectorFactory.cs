using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Admin.Connections;

/// <summary>The real connectors: Graph app-only, or EWS with Basic or an app-only Exchange Online token.</summary>
public sealed class MailboxConnectorFactory(IHttpClientFactory httpClientFactory, ILoggerFactory loggerFactory, TimeProvider clock) : IMailboxConnectorFactory
{
    public IMailboxConnector Create(ExchangeConnection connection)
    {
        var auth = connection.Auth ?? throw new ArgumentException("The Exchange connection has no auth block.");
        if (connection.Type == "graph")
        {
            var settings = GraphConnectionSettings.Parse(AdminJson.Serialize(connection with { GraphUrl = connection.GraphUrl ?? GraphConnectionSettings.DefaultGraphUrl }));
            return GraphMailboxConnector.Create(settings, httpClientFactory, clock: clock, logger: loggerFactory.CreateLogger<GraphMailboxConnector>());
        }

        if (!Uri.TryCreate(connection.EwsUrl, UriKind.Absolute, out var ewsUrl))
        {
            throw new ArgumentException("ewsUrl is not an absolute URL.");
        }

        EwsAuthSettings ewsAuth = auth.Type == "basic"
            ? new EwsBasicAuth(auth.Username ?? "", auth.Password ?? "")
            : new EwsClientCredentialsAuth(new Uri(Authority(auth)), auth.TenantId ?? "", auth.ClientId ?? "", auth.ClientSecret ?? "");
        var tokens = ewsAuth is EwsClientCredentialsAuth
            ? new EntraEwsTokenSource(new EntraTokenClient(
                new EntraCredentials { Authority = Authority(auth), TenantId = auth.TenantId ?? "", ClientId = auth.ClientId ?? "", ClientSecret = auth.ClientSecret },
                EntraCredentials.ExchangeOnlineScope, httpClientFactory))
            : null;
        return new EwsMailboxConnector(new EwsConnectionSettings(ewsUrl, ewsAuth), httpClientFactory, tokens, logger: loggerFactory.CreateLogger<EwsMailboxConnector>());
    }

    private static string Authority(ExchangeAuth auth) => auth.Authority ?? EntraCredentials.DefaultAuthority;
}

/// <summary>EWS app-only tokens from Entra; Entra's refusal becomes the EWS connector's token error, with the OAuth code.</summary>
public sealed class EntraEwsTokenSource(IAccessTokenSource tokens) : IEwsTokenSource
{
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.GetAccessTokenAsync(cancellationToken);
        }
        catch (EntraTokenException exception)
        {
            throw new EwsTokenException(exception.Code, exception.Message, exception);
        }
    }
}
