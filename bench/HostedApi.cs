using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Hosting;
using OutlookCrm.Core.Configuration;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Bench;

/// <summary>
/// The real API (<c>api/</c>, built by <see cref="ApiApplication"/> exactly as <c>Program</c> builds it)
/// inside the bench process, on a loopback Kestrel port, over the bench world's store, key ring and CA
/// (so it finds the CRM connection the world stored), validating bearer tokens against the Entra
/// emulator's OIDC metadata and JWKS. Configured through the command line, as a deployment would be;
/// its sync loop is off (a separate worker's job), so every remote call it makes is the add-in's.
/// </summary>
public sealed class HostedApi : IAsyncDisposable
{
    /// <summary>The API's <c>Auth__Audience</c>: the add-in's tokens are issued for it.</summary>
    public const string Audience = "api://outlookcrm-bench";

    private readonly WebApplication app;

    private HostedApi(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The API's own outbound-call counter (not the bench world's): what the lookups cost the CRM.</summary>
    public RemoteCallCounter Calls => app.Services.GetRequiredService<RemoteCallCounter>();

    public static async Task<HostedApi> StartAsync(BenchWorld world)
    {
        var directory = world.StateDirectory;
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            Setting(ConfigurationKeys.AuthAuthority, world.Entra.AuthorityFor()),
            Setting(ConfigurationKeys.AuthAudience, Audience),
            Setting(ConfigurationKeys.StoreProvider, "sqlite"),
            // Pooled, as a deployment's default SQLite connection string is (the world's own services don't pool).
            Setting(ConfigurationKeys.StoreConnectionString, $"Data Source={ProductServices.StoreFile(directory)}"),
            Setting(ConfigurationKeys.HttpTrustedCaFile, ProductServices.CaFile(directory)),
            Setting(ConfigurationKeys.DataProtectionKeysDirectory, ProductServices.KeysDirectory(directory)),
            Setting(ConfigurationKeys.SyncRunInApi, "false"),
        ];
        var app = await ApiApplication.BuildAsync(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HostedApi(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private static string Setting(string key, string value) => $"--{key}={value}";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
