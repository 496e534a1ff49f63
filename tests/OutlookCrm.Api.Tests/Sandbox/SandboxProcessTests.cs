using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace OutlookCrm.Api.Tests.Sandbox;

/// <summary><c>dotnet OutlookCrm.Api.dll --sandbox</c> as a child process, as the README's first command starts it.</summary>
public sealed class SandboxProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_built_api_started_with_sandbox_gets_ready_and_serves_swagger_and_the_addin_config()
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

            if (SyncLoopLanded())
            {
                await WaitForFinishedRunAsync(http, token);
            }
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

    /// <summary>Whether the sync loop is part of this build (<c>services.AddSyncLoop(configuration)</c>); the API then runs it (Sync__RunInApi).</summary>
    private static bool SyncLoopLanded() =>
        new[] { typeof(Core.Store.Migrator).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Any(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Any(m => m.Name == "AddSyncLoop"));

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
