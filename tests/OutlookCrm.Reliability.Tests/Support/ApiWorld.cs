using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Auth;

namespace OutlookCrm.Reliability.Tests.Support;

/// <summary>
/// The real API in-process (<see cref="ApiHost"/>: real RS256 tokens from the Entra emulator) with its
/// Exchange (Graph) and CRM connections stored through the admin API and pointing at the Exchange and
/// Salesforce emulators, a CRM user for the add-in caller and a sync configuration for the mailbox — so
/// every endpoint has real systems behind it.
/// </summary>
public sealed class ApiWorld : IAsyncDisposable
{
    public const string User = "alice@contoso.com";
    private const string GraphApp = "6b2d4f0e-0000-4000-8000-0000000000b2";
    private const string GraphSecret = "graph-secret";
    private const string SalesforceApp = "3MVG9-outlookcrm-api";
    private const string SalesforceSecret = "sf-secret";

    private ApiWorld(ApiHost host, SalesforceEmulator salesforce, ExchangeEmulator exchange)
    {
        Host = host;
        Salesforce = salesforce;
        Exchange = exchange;
    }

    public ApiHost Host { get; }
    public SalesforceEmulator Salesforce { get; }
    public ExchangeEmulator Exchange { get; }
    public string CrmUserId { get; private set; } = "";

    /// <summary>The connections as an admin stores them; put back after anything that may have changed them.</summary>
    public JsonObject ExchangeConnection => new()
    {
        ["type"] = "graph", ["graphUrl"] = Exchange.GraphUrl,
        ["auth"] = new JsonObject
        {
            ["type"] = "clientCredentials", ["authority"] = Host.Entra.BaseUrl, ["tenantId"] = EntraEmulator.DefaultTenantId,
            ["clientId"] = GraphApp, ["clientSecret"] = GraphSecret,
        },
    };

    public JsonObject CrmConnection => new()
    {
        ["type"] = "salesforce", ["loginUrl"] = Salesforce.LoginUrl, ["apiVersion"] = "62.0",
        ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["clientId"] = SalesforceApp, ["clientSecret"] = SalesforceSecret },
    };

    public static async Task<ApiWorld> StartAsync()
    {
        var host = await ApiHost.StartAsync();
        var salesforce = new SalesforceEmulator(host.Entra.Certificates);
        await salesforce.StartAsync();
        var exchange = new ExchangeEmulator(host.Entra.Certificates, host.Entra.Keys);
        await exchange.StartAsync();
        var world = new ApiWorld(host, salesforce, exchange);
        await world.ConnectAsync();
        return world;
    }

    public HttpClient Admin() => Host.Client(Host.AdminToken());

    /// <summary>An add-in user (no admin role) whose email is a CRM user's.</summary>
    public HttpClient AddinUser() => Host.Client(Host.Token(new TokenRequest { User = User, Roles = ["OutlookCrm.User"] }));

    public HttpClient Anonymous() => Host.Client();

    /// <summary>Stores both connections again, as an admin who undoes a change would.</summary>
    public async Task RestoreConnectionsAsync()
    {
        using var admin = Admin();
        (await admin.PutAsJsonAsync("/api/admin/connections/exchange", ExchangeConnection)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/connections/crm", CrmConnection)).EnsureSuccessStatusCode();
    }

    private async Task ConnectAsync()
    {
        Host.Entra.TokenEndpoint.Register(new AppRegistration
        {
            ClientId = GraphApp,
            Secrets = [GraphSecret],
            Roles = new(StringComparer.OrdinalIgnoreCase) { ["https://graph.microsoft.com"] = ["Calendars.ReadWrite", "Contacts.ReadWrite"] },
        });
        Exchange.Seed(new SeedDocument
        {
            Mailboxes = [new SeedMailbox { Smtp = User, DisplayName = "Alice" }],
            Apps = [new SeedApp { ClientId = GraphApp, Mailboxes = [User] }],
        });
        CrmUserId = Salesforce.AddUser(User, email: User, lastName: "Alice");
        Salesforce.AddUser("integration@contoso.com", email: "integration@contoso.com", lastName: "Integration");
        Salesforce.RegisterApp(new ConnectedApp { ClientId = SalesforceApp, ClientSecret = SalesforceSecret, RunAsUsername = "integration@contoso.com" });
        await RestoreConnectionsAsync();
        using var admin = Admin();
        (await admin.PutAsJsonAsync("/api/admin/sync-configurations/sales", new JsonObject
        {
            ["active"] = true, ["users"] = new JsonArray(User),
            ["contacts"] = new JsonObject { ["direction"] = "both", ["conflictWinner"] = "crm", ["propagateDeletes"] = true },
            ["events"] = new JsonObject { ["direction"] = "both", ["conflictWinner"] = "exchange", ["syncFrom"] = "2026-01-01", ["includePrivate"] = false, ["propagateDeletes"] = true },
        })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await Exchange.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Host.DisposeAsync();
    }
}
