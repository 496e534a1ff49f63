using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Sandbox;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.State;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Api.Tests.Sandbox;

public sealed class SandboxBootstrapTests : IDisposable
{
    private const string Alice = "alice@contoso.com";
    private readonly string data = Directory.CreateTempSubdirectory("outlookcrm-sandbox-").FullName;

    [Fact]
    public async Task The_first_start_stores_connections_and_configuration_and_a_second_start_keeps_them_without_duplicates()
    {
        DateTimeOffset createdAt;
        await using (var first = SandboxTestHost.Start(data))
        {
            Assert.True(File.Exists(Path.Combine(data, "sandbox-ca.pem")));
            Assert.True(File.Exists(Path.Combine(data, "outlookcrm.db")));
            var exchange = await first.Services.GetRequiredService<StoredConnections>().FindAsync<ExchangeConnection>(CancellationToken.None);
            Assert.Equal(first.Emulators.Exchange.GraphUrl, exchange?.GraphUrl);
            Assert.Equal(SandboxApps.GraphClientSecret, exchange?.Auth?.ClientSecret);
            var crm = await first.Services.GetRequiredService<StoredConnections>().FindAsync<CrmConnection>(CancellationToken.None);
            Assert.Equal(first.Emulators.Salesforce.LoginUrl, crm?.LoginUrl);
            Assert.Equal("clientCredentials", crm?.Auth?.Type);
            var demo = await first.Services.GetRequiredService<SyncConfigurationRepository>().FindAsync("demo", CancellationToken.None);
            Assert.NotNull(demo);
            Assert.Equal(DemoOrg.Salespeople, demo.Configuration.Users);
            createdAt = demo.UpdatedAt;

            var report = await first.SyncAsync(Alice);
            AssertNoErrors(report);
            Assert.True(report.Contacts.Matched >= 3, $"matched {report.Contacts.Matched}");
            Assert.True(report.Contacts.Created.Exchange > 50, $"created in Exchange {report.Contacts.Created.Exchange}");
            Assert.True(report.Events.Created.Crm > 0, $"events created in the CRM {report.Events.Created.Crm}");
            Assert.NotEmpty(await first.Services.GetRequiredService<ISyncStateStore>().LoadRelationsAsync(Alice, ObjectKind.Contact, CancellationToken.None));
        }

        await using var second = SandboxTestHost.Start(data);
        var services = second.Services;
        var kept = await services.GetRequiredService<SyncConfigurationRepository>().ListAsync(CancellationToken.None);
        Assert.Equal(createdAt, Assert.Single(kept).UpdatedAt);
        var moved = await services.GetRequiredService<StoredConnections>().FindAsync<ExchangeConnection>(CancellationToken.None);
        Assert.Equal(second.Emulators.Exchange.GraphUrl, moved?.GraphUrl);
        var audit = await services.GetRequiredService<AuditLog>().ListAsync(500, null, CancellationToken.None);
        Assert.Single(audit, e => e.Action == "sync-configuration.put");
        Assert.Empty(await services.GetRequiredService<ISyncStateStore>().LoadRelationsAsync(Alice, ObjectKind.Contact, CancellationToken.None));
        Assert.Null(await services.GetRequiredService<ISyncStateStore>().GetCursorAsync(Alice, ObjectKind.Event, Side.Exchange, CancellationToken.None));

        var again = await second.SyncAsync(Alice);
        AssertNoErrors(again);
        var contacts = ExchangeContacts(second, Alice);
        Assert.Equal(contacts.Count, contacts.Select(c => c.EmailAddresses.FirstOrDefault(e => e is not null)?.Address.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(0, (await second.SyncAsync(Alice)).Contacts.Writes);
    }

    [Fact]
    public async Task The_sandbox_token_is_accepted_and_the_admin_token_reaches_the_admin_api()
    {
        await using var host = SandboxTestHost.Start(data);

        using var me = await host.Client(await host.TokenAsync(Alice)).GetAsync("/api/addin/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(Alice, await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var userOnAdmin = await host.Client(await host.TokenAsync(Alice)).GetAsync("/api/admin/audit");
        Assert.Equal(HttpStatusCode.Forbidden, userOnAdmin.StatusCode);
        using var audit = await host.Client(await host.TokenAsync("admin@contoso.com", admin: true)).GetAsync("/api/admin/audit");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains("sync-configuration.put", await audit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_something_that_is_not_an_email_address_is_a_validation_problem()
    {
        await using var host = SandboxTestHost.Start(data);

        using var response = await host.Client().PostAsync("/sandbox/token",
            new StringContent("""{"user":"not an address"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_demo_org_has_over_200_contacts_with_unique_addresses_spread_over_the_three_salespeople()
    {
        var seed = DemoOrg.Seed(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));

        Assert.True(seed.Contacts.Count >= 200);
        Assert.Equal(seed.Contacts.Count, seed.Contacts.Select(c => (string?)c["Email"]).Distinct().Count());
        Assert.All(DemoOrg.Salespeople, s => Assert.True(DemoOrg.ContactsOwnedBy(s).Count() >= 60));
        Assert.NotEmpty(seed.Leads);
        Assert.NotEmpty(seed.Opportunities);
    }

    private static List<ContactItem> ExchangeContacts(SandboxTestHost host, string mailbox)
    {
        var store = host.Emulators.Exchange.Store;
        var box = store.FindMailbox(mailbox)!;
        return store.List(box.Id, FolderKind.Contacts).Where(i => !i.IsDeleted).OfType<ContactItem>().ToList();
    }

    private static void AssertNoErrors(MailboxSyncReport report)
    {
        var errors = report.Contacts.Errors.Concat(report.Events.Errors).Select(e => $"{e.Side} {e.Item} {e.Code}: {e.Message}").ToList();
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
