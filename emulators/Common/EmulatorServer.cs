using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OutlookCrm.Emulators.Common;

/// <summary>
/// One HTTPS listener for one emulated service (Azurite's model). Subclasses register their routes;
/// the base class owns Kestrel, the port (0 = a free one) and the lifetime.
/// </summary>
public abstract class EmulatorServer : IAsyncDisposable
{
    private WebApplication? app;

    protected EmulatorServer(EmulatorCertificates certificates) => Certificates = certificates;

    public EmulatorCertificates Certificates { get; }

    /// <summary>Base address once started, e.g. <c>https://127.0.0.1:54321</c> (no trailing slash).</summary>
    public Uri BaseUri { get; private set; } = new("https://127.0.0.1/");

    public string BaseUrl => BaseUri.GetLeftPart(UriPartial.Authority);

    public async Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(Certificates.Server));
        });
        ConfigureServices(builder.Services);
        app = builder.Build();
        MapRoutes(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected abstract void MapRoutes(WebApplication app);

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
