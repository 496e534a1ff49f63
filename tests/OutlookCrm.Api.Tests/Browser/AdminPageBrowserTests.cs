using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.Crm;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;

namespace OutlookCrm.Api.Tests.Browser;

/// <summary>
/// The admin page in Debian's Chromium (<see cref="Chromium"/>) against the real API on a Kestrel port, with
/// real admin tokens from the Entra emulator and fake connectors.
/// </summary>
public sealed class AdminPageBrowserTests
{
    private const string Mailbox = "alice@contoso.com";

    [Fact]
    public async Task The_admin_page_tests_a_connection_and_shows_each_users_sync()
    {
        var exchange = new FakeMailboxConnectorFactory();
        var crm = new FakeCrm();
        await using var host = await ApiHost.StartAsync(services: services =>
        {
            services.AddSingleton<IMailboxConnectorFactory>(exchange);
            services.AddSingleton<ICrmConnectionTester>(crm);
            services.AddSingleton<ICrmFieldCatalog>(crm);
        });
        await using var api = KestrelApi.Start(host);
        var baseUrl = api.BaseUrl;
        var token = host.AdminToken();
        await SeedAsync(api.Server, baseUrl, token);

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync(1280, 800);
        await page.AddInitScriptAsync($"window.outlookCrmPreviewToken = '{token}';");

        var response = await page.GotoAsync($"{baseUrl}/admin");

        Assert.Equal($"{baseUrl}/addin/admin.html", page.Url);
        Assert.True(response!.Ok);
        var alice = page.Locator($"tr[data-mailbox='{Mailbox}']");
        await Assertions.Expect(alice).ToContainTextAsync("Idle", new() { Timeout = 15_000 });
        await Assertions.Expect(alice).ToContainTextAsync("CRM 0 · Exchange 12");
        await Assertions.Expect(alice.Locator("th[scope=row]")).ToHaveTextAsync(Mailbox);
        await Assertions.Expect(page.Locator("#connections")).ToContainTextAsync("auth.password***");

        // The Exchange test by keyboard: type the mailbox, Enter.
        await page.GetByLabel("Mailbox to test").FillAsync(Mailbox);
        await page.GetByLabel("Mailbox to test").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#exchange-test-result")).ToContainTextAsync("Passed in 1 ms");
        Assert.Equal(Mailbox, exchange.TestedMailbox);

        // And the CRM test from the keyboard too: the Fluent button takes Enter.
        await page.Locator("fluent-button", new() { HasText = "Test CRM" }).PressAsync("Enter");
        var crmResult = page.Locator("#crm-test-result");
        await Assertions.Expect(crmResult).ToContainTextAsync("REQUEST_LIMIT_EXCEEDED");
        await Assertions.Expect(crmResult).ToContainTextAsync("Daily API requests: 0 of 15,000 left");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("CRM connection test failed in 5 ms.");
        await Assertions.Expect(page.Locator("#activity svg rect.bar")).ToHaveCountAsync(1);

        Assert.True(await Chromium.FitsItsWidthAsync(page), "the page scrolls sideways at 1280 px");
        Assert.Empty(chromium.LeftTheMachine);
        var screenshot = await Chromium.ScreenshotAsync(page, "admin-page");
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    /// <summary>Both connections, a configuration with two users, and a finished run of alice with a report.</summary>
    private static async Task SeedAsync(WebApplicationFactory<Program> server, string baseUrl, string token)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
        (await client.PutAsync("/api/admin/connections/exchange", Json(
            """{"type":"ews","ewsUrl":"https://mail.contoso.com/EWS/Exchange.asmx","auth":{"type":"basic","username":"svc-sync@contoso.com","password":"ews-secret"}}"""))).EnsureSuccessStatusCode();
        (await client.PutAsync("/api/admin/connections/crm", Json(
            """{"type":"salesforce","loginUrl":"https://login.salesforce.com","apiVersion":"62.0","auth":{"type":"clientCredentials","clientId":"3MVG9","clientSecret":"sf-secret"}}"""))).EnsureSuccessStatusCode();
        (await client.PutAsync("/api/admin/sync-configurations/sales", Json(
            $$$"""
            {"active":true,"users":["{{{Mailbox}}}","bob@contoso.com"],
             "contacts":{"direction":"both","conflictWinner":"crm","propagateDeletes":true},
             "events":{"direction":"both","conflictWinner":"exchange","syncFrom":"2026-01-01","includePrivate":false,"propagateDeletes":true},
             "fieldMappings":{"contacts":[],"events":[]}}
            """))).EnsureSuccessStatusCode();

        var runs = server.Services.GetRequiredService<SyncRunRepository>();
        var report = new MailboxSyncReport(Mailbox, "sales", new ObjectSyncReport(), new ObjectSyncReport());
        for (var i = 0; i < 12; i++)
        {
            report.Contacts.Created.Add(Side.Exchange);
        }

        var run = await runs.StartAsync(Mailbox, "worker-1", CancellationToken.None);
        await runs.FinishAsync(run, report, null, CancellationToken.None);
    }
}
