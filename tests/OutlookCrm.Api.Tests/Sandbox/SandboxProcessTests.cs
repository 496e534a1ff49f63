using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OutlookCrm.Api.Sandbox;
using OutlookCrm.Api.Tests.Support;
using Xunit.Abstractions;

namespace OutlookCrm.Api.Tests.Sandbox;

/// <summary>
/// <c>dotnet OutlookCrm.Api.dll --sandbox</c> as a child process, as the README's first command starts it, and then
/// what it prints opened in Debian's Chromium as a user would. One process start: it is the slow part.
/// Screenshots: <c>test-artifacts/sandbox-preview.png</c>, <c>test-artifacts/sandbox-admin.png</c>.
/// </summary>
public sealed class SandboxProcessTests(ITestOutputHelper output)
{
    private const string Alice = "alice@contoso.com";

    [Fact]
    public async Task The_built_api_started_with_sandbox_syncs_and_its_printed_preview_and_admin_page_show_the_demo()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("outlookcrm-sandbox-process-").FullName;
        var port = FreePort();
        var console = new StringBuilder();
        using var process = Start(workingDirectory, port, console);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilReadyAsync(http, process, console);

            using var swagger = await http.GetAsync("/swagger/index.html");
            Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
            using var config = await http.GetAsync("/addin/config.json");
            Assert.Equal(HttpStatusCode.OK, config.StatusCode);
            Assert.Contains("/sandbox/token", await config.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "sandbox-ca.pem")), "the CA is written to ./data/sandbox-ca.pem");
            Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "outlookcrm.db")), "the store is SQLite under ./data/");
            Assert.Contains("/addin/preview.html", Printed(console), StringComparison.Ordinal);

            var token = await AdminTokenAsync(http);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/sync-configurations/demo");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var demo = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, demo.StatusCode);

            await WaitForFinishedRunAsync(http, token);

            await using var chromium = await Chromium.LaunchAsync();
            await PreviewShowsTheDemoMeetingAsync(chromium, PrintedUrl(console, "Add-in preview"));
            await AdminPageShowsTheSyncAsync(chromium, PrintedUrl(console, "Admin page"));
            Assert.Empty(chromium.LeftTheMachine);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            output.WriteLine(Printed(console));
            TryDelete(workingDirectory);
        }
    }

    private static Process Start(string workingDirectory, int port, StringBuilder console)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiDll());
        start.ArgumentList.Add("--sandbox");
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        // `dotnet run --project api` finds the built pane beside its content root (api/); this process runs elsewhere.
        start.Environment["Addin__DistDirectory"] = Path.Combine(Chromium.RepositoryRoot(), "addin", "dist");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(console, e.Data);
        process.ErrorDataReceived += (_, e) => Append(console, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The API built beside these tests: <c>api/bin/{Configuration}/net10.0/OutlookCrm.Api.dll</c>.</summary>
    private static string ApiDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OutlookCrm.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "api", "bin", configuration, framework, "OutlookCrm.Api.dll");
        Assert.True(File.Exists(dll), $"Build the API first: {dll} is missing.");
        return dll;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process process, StringBuilder console)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"The sandbox exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Printed(console)}");
            try
            {
                using var ready = await http.GetAsync("/readyz");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail($"/readyz did not answer 200 within 90 s:\n{Printed(console)}");
    }

    private static async Task<string> AdminTokenAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/sandbox/token", new { user = "admin@contoso.com", admin = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>With the sync loop in the API, alice's first scheduled run finishes within a minute.</summary>
    private static async Task WaitForFinishedRunAsync(HttpClient http, string token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/sync-status/alice@contoso.com");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var status = JsonDocument.Parse(last);
                var contacts = status.RootElement.GetProperty("contacts");
                if (contacts.TryGetProperty("lastRunAt", out var lastRun) && lastRun.ValueKind == JsonValueKind.String)
                {
                    Assert.True(contacts.TryGetProperty("lastSuccessAt", out var success) && success.ValueKind == JsonValueKind.String, last);
                    return;
                }
            }

            await Task.Delay(1000);
        }

        Assert.Fail($"No finished sync run for alice within 60 s; last status: {last}");
    }

    /// <summary>
    /// The preview opens alice's first demo meeting (no token handed in: the sandbox gives the preview one):
    /// her CRM contact with account and opportunities, and the outside consultant unknown to the CRM.
    /// </summary>
    private static async Task PreviewShowsTheDemoMeetingAsync(Chromium chromium, string previewUrl)
    {
        var contact = DemoOrg.Contact(DemoOrg.ContactsOwnedBy(Alice).First());
        var name = $"{contact.First} {contact.Last}";
        var page = await chromium.NewPageAsync(320, 900);

        await page.GotoAsync(previewUrl);

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 people, 1 found in the CRM.", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Account review with {name}");
        var known = PaneLocators.Person(page, name);
        await Assertions.Expect(PaneLocators.Badge(known, "Contact")).ToBeVisibleAsync();
        await Assertions.Expect(known.GetByText(DemoOrg.Accounts[contact.Account!.Value].Name, new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(known.GetByRole(AriaRole.List, new() { Name = $"Open opportunities of {name}" }).GetByRole(AriaRole.Listitem)).Not.ToHaveCountAsync(0);
        await Assertions.Expect(PaneLocators.Badge(PaneLocators.Person(page, "Partner Consulting"), "Unknown")).ToBeVisibleAsync();
        Assert.True(await Chromium.FitsItsWidthAsync(page), "the preview scrolls sideways at 320 px");
        await Chromium.ScreenshotAsync(page, "sandbox-preview");
    }

    /// <summary>The admin page (signed in by the sandbox as an admin) shows alice's finished sync with what it created.</summary>
    private static async Task AdminPageShowsTheSyncAsync(Chromium chromium, string adminUrl)
    {
        var page = await chromium.NewPageAsync(1280, 800);

        await page.GotoAsync(adminUrl);

        var alice = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = Alice }) });
        await Assertions.Expect(alice).ToContainTextAsync("demo", new() { Timeout = 30_000 });
        await Assertions.Expect(alice).ToContainTextAsync(new Regex("Idle"));
        await Assertions.Expect(alice).ToContainTextAsync(new Regex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC"));
        await Assertions.Expect(alice).ToContainTextAsync(new Regex(@"Created\s*CRM \d+ · Exchange [1-9]"));
        await Chromium.ScreenshotAsync(page, "sandbox-admin");
    }

    /// <summary>A URL the sandbox printed on its line <c>{label} : {url}</c>.</summary>
    private static string PrintedUrl(StringBuilder console, string label)
    {
        var line = Regex.Match(Printed(console), $@"^\s*{Regex.Escape(label)}\s*:\s*(\S+)\s*$", RegexOptions.Multiline);
        Assert.True(line.Success, $"The sandbox printed no '{label}' line:\n{Printed(console)}");
        return line.Groups[1].Value;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder console, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (console)
        {
            console.AppendLine(line);
        }
    }

    private static string Printed(StringBuilder console)
    {
        lock (console)
        {
            return console.ToString();
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
