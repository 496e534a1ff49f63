using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Sandbox;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Api.Tests.Sandbox;

/// <summary>The API in-process with the sandbox switched on (<c>Sandbox:Enabled</c>, as <c>--sandbox</c> does) on a given data directory.</summary>
public sealed class SandboxTestHost : IAsyncDisposable
{
    private SandboxTestHost(WebApplicationFactory<Program> factory) => Factory = factory;

    public WebApplicationFactory<Program> Factory { get; }
    public IServiceProvider Services => Factory.Services;
    public SandboxEmulators Emulators => Services.GetRequiredService<SandboxEmulators>();

    /// <summary>Builds and starts the host (hosted services included), so the sandbox has stored what it stores.</summary>
    public static SandboxTestHost Start(string dataDirectory)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Sandbox:Enabled", "true");
            builder.UseSetting("Sandbox:DataDirectory", dataDirectory);
            // The test runs the sync itself; the loop (when there is one) must not race it.
            builder.UseSetting("Sync:RunInApi", "false");
        });
        _ = factory.CreateClient();
        return new SandboxTestHost(factory);
    }

    public HttpClient Client(string? token = null)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<string> TokenAsync(string user, bool admin = false)
    {
        using var response = await Client().PostAsJsonAsync("/sandbox/token", new { user, admin });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<MailboxSyncReport> SyncAsync(string mailbox)
    {
        var configuration = await Services.GetRequiredService<Core.Store.SyncConfigurationRepository>().FindActiveForMailboxAsync(mailbox, CancellationToken.None);
        Assert.NotNull(configuration);
        var runner = new MailboxSyncRunner(
            Services.GetRequiredService<IConnectorSource>(), Services.GetRequiredService<ISyncStateStore>(), TimeProvider.System,
            NullLogger<MailboxSyncRunner>.Instance);
        return await runner.RunAsync(configuration, mailbox, null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
