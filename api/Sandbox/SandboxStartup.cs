using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OutlookCrm.Api.Sandbox;

/// <summary>
/// Runs before the sync loop's hosted service (registered earlier): starts and seeds the emulators,
/// stores what the sandbox needs, then prints where everything is once the server listens.
/// </summary>
public sealed class SandboxStartup(SandboxStore store, SandboxEmulators emulators, IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await emulators.StartAsync(cancellationToken);
        SandboxHosting.Seed(emulators);
        await store.EnsureAsync(cancellationToken);
        lifetime.ApplicationStarted.Register(Print);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        var api = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        Console.WriteLine($"""

            OutlookCrm sandbox — data in {configuration["Sandbox:DataDirectory"]}
              Swagger UI      : {api}/swagger
              Admin page      : {api}/admin
              Add-in preview  : {api}/addin/preview.html
              Tokens          : POST {api}/sandbox/token {"{"}"user":"alice@contoso.com"{"}"} (add "admin":true for the admin role)
              Entra           : {emulators.Entra.AuthorityFor()}
              Salesforce      : {emulators.Salesforce.LoginUrl}
              Exchange Graph  : {emulators.Exchange.GraphUrl}
              Exchange EWS    : {emulators.Exchange.EwsUrl}
              CA certificate  : {emulators.CaFile}
              Demo users      : {string.Join(", ", DemoOrg.Salespeople)} (sync configuration '{SandboxStore.ConfigurationName}')
            Press Ctrl-C to stop.
            """);
    }
}
