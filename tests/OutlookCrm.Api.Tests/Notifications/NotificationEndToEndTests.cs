using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Auth;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Notifications;

/// <summary>
/// The API with its sync loop on a real HTTPS port, the Graph and Salesforce emulators, and a schedule of one hour:
/// only a change notification can bring an Outlook edit to the CRM within the test. The API's certificate comes from
/// the emulators' CA, which the Graph emulator trusts as Graph trusts public CAs.
/// </summary>
public sealed class NotificationEndToEndTests
{
    private const string Mailbox = "alice@contoso.com";
    private const string GraphApp = "5a1c3e9d-0000-4000-8000-0000000000b7";
    private const string SalesforceApp = "3MVG9-outlookcrm-notify";

    [Fact]
    public async Task An_edit_in_Outlook_reaches_the_CRM_long_before_the_interval()
    {
        var port = FreePort();
        await using var host = await ApiHost.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Sync:RunInApi"] = "true",
            ["Sync:Interval"] = "01:00:00",
            ["Sync:PollInterval"] = "00:00:00.200",
            ["Sync:NotificationUrl"] = $"https://127.0.0.1:{port}",
        });
        await using var salesforce = new SalesforceEmulator(TestCertificates.Shared);
        await salesforce.StartAsync();
        await using var exchange = new ExchangeEmulator(TestCertificates.Shared, host.Entra.Keys);
        await exchange.StartAsync();
        var contactId = Connect(host.Entra, salesforce, exchange);

        await using var server = host.Factory.WithWebHostBuilder(_ => { });
        server.UseKestrel(options => options.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(TestCertificates.Shared.Server)));
        server.StartServer();
        await StoreConnectionsAsync(server.Services, host.Entra, salesforce, exchange);

        // The first run creates the CRM contact and subscribes to the mailbox's contacts and events.
        var runs = server.Services.GetRequiredService<SyncRunRepository>();
        Assert.True(await EventuallyAsync(async () => Crm(salesforce)?["Title"] as string == "Buyer" && exchange.Graph.Subscriptions.All.Count == 2
            && (await runs.ListLatestAsync(Mailbox, 50, CancellationToken.None)) is { Count: > 0 } all && all.All(r => r.FinishedAt is not null)),
            "the first sync did not create the CRM contact and both subscriptions");
        var edited = DateTimeOffset.UtcNow;

        Assert.True(exchange.Outlook(Mailbox).EditContact(contactId, c => c with { JobTitle = "CTO" }));

        Assert.True(await EventuallyAsync(() => Task.FromResult(Crm(salesforce)?["Title"] as string == "CTO")), "the edit did not reach the CRM");
        var after = await runs.ListLatestAsync(Mailbox, 50, CancellationToken.None);
        Assert.Contains(after, r => r.StartedAt > edited);          // a run the notification started: the schedule is an hour
        Assert.All(after.Where(r => r.FinishedAt is not null), r => Assert.True(r.State == SyncRunStates.Succeeded, r.Error));
        Assert.Contains(exchange.Graph.Subscriptions.Sender.Deliveries, d => d.Status == (int)HttpStatusCode.Accepted);
    }

    /// <summary>The mailbox with one contact, the Graph app and the CRM users; returns the contact's Graph id.</summary>
    private static string Connect(EntraEmulator entra, SalesforceEmulator salesforce, ExchangeEmulator exchange)
    {
        exchange.Seed(new SeedDocument
        {
            Mailboxes = [new SeedMailbox { Smtp = Mailbox, DisplayName = "Alice" }],
            Apps = [new SeedApp { ClientId = GraphApp, Mailboxes = [Mailbox] }],
        });
        entra.TokenEndpoint.Register(new AppRegistration
        {
            ClientId = GraphApp,
            Secrets = ["graph-secret"],
            Roles = new(StringComparer.OrdinalIgnoreCase) { ["https://graph.microsoft.com"] = ["Calendars.ReadWrite", "Contacts.ReadWrite"] },
        });
        salesforce.AddUser(Mailbox, email: Mailbox, lastName: "Alice");
        salesforce.AddUser("integration@contoso.com", email: "integration@contoso.com", lastName: "Integration");
        salesforce.RegisterApp(new ConnectedApp { ClientId = SalesforceApp, ClientSecret = "sf-secret", RunAsUsername = "integration@contoso.com" });
        return exchange.Outlook(Mailbox).CreateContact(new SeedContact { GivenName = "Lee", Surname = "Ng", JobTitle = "Buyer", EmailAddresses = ["lee@fabrikam.com"] });
    }

    private static async Task StoreConnectionsAsync(IServiceProvider services, EntraEmulator entra, SalesforceEmulator salesforce, ExchangeEmulator exchange)
    {
        var connections = services.GetRequiredService<ConnectionRepository>();
        var graph = new JsonObject
        {
            ["type"] = "graph", ["graphUrl"] = exchange.GraphUrl,
            ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["authority"] = entra.BaseUrl, ["tenantId"] = EntraEmulator.DefaultTenantId, ["clientId"] = GraphApp },
        };
        await connections.SaveAsync("exchange", graph.ToJsonString(), new Dictionary<string, string> { ["clientSecret"] = "graph-secret" }, "admin@contoso.com", CancellationToken.None);
        var crm = new JsonObject
        {
            ["type"] = "salesforce", ["loginUrl"] = salesforce.LoginUrl, ["apiVersion"] = "62.0",
            ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["clientId"] = SalesforceApp },
        };
        await connections.SaveAsync("crm", crm.ToJsonString(), new Dictionary<string, string> { ["clientSecret"] = "sf-secret" }, "admin@contoso.com", CancellationToken.None);
        await services.GetRequiredService<SyncConfigurationRepository>().SaveAsync(new SyncConfiguration("sales", true, [Mailbox],
            new ContactSyncOptions(SyncDirection.Both, ConflictWinner.Crm, PropagateDeletes: true),
            new EventSyncOptions(SyncDirection.Both, ConflictWinner.Exchange, new DateOnly(2026, 1, 1), IncludePrivate: false, PropagateDeletes: true),
            FieldMappings.None), CancellationToken.None);
    }

    private static Emulators.Salesforce.Store.SObjectRecord? Crm(SalesforceEmulator salesforce) =>
        salesforce.GetRecords("Contact").SingleOrDefault(c => c["Email"] as string == "lee@fabrikam.com");

    /// <summary>A wait with a generous deadline (30 s), not a measurement.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
