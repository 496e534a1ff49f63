using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
/// The admin page in Debian's Chromium (<c>/usr/bin/chromium</c> or <c>CHROMIUM_PATH</c>; never a downloaded
/// browser) against the real API on a Kestrel port, with real admin tokens from the Entra emulator and fake
/// connectors. Needs the built add-in (<c>addin/dist</c>, <c>npm run build</c>), as test.sh does first.
/// </summary>
public sealed class AdminPageBrowserTests
{
    private const string Mailbox = "alice@contoso.com";

    [Fact]
    public async Task The_admin_page_tests_a_connection_and_shows_each_users_sync()
    {
        var repositoryRoot = RepositoryRoot();
        Assert.True(File.Exists(Path.Combine(repositoryRoot, "addin", "dist", "admin.html")), "Build the add-in first: cd addin && npm ci && npm run build");
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"No Chromium at {chromium}: apt-get install chromium, or set CHROMIUM_PATH.");

        var exchange = new FakeMailboxConnectorFactory();
        var crm = new FakeCrm();
        await using var host = await ApiHost.StartAsync(services: services =>
        {
            services.AddSingleton<IMailboxConnectorFactory>(exchange);
            services.AddSingleton<ICrmConnectionTester>(crm);
            services.AddSingleton<ICrmFieldCatalog>(crm);
        });
        await using var server = host.Factory.WithWebHostBuilder(_ => { });
        server.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        server.StartServer();
        var baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = host.AdminToken();
        await SeedAsync(server, baseUrl, token);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var leftTheMachine = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Host == "127.0.0.1")
            {
                await route.ContinueAsync();
            }
            else
            {
                leftTheMachine.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
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

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 1280"), "the page scrolls sideways at 1280 px");
        Assert.Empty(leftTheMachine);
        var artifacts = Directory.CreateDirectory(Path.Combine(repositoryRoot, "test-artifacts")).FullName;
        var screenshot = Path.Combine(artifacts, "admin-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
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

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OutlookCrm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OutlookCrm.sln not found above " + AppContext.BaseDirectory);
    }
}
