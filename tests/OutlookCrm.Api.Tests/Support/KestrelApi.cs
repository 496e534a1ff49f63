using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OutlookCrm.Api.Tests.Support;

/// <summary>
/// The API of an <see cref="ApiHost"/> on a real Kestrel loopback port (a browser cannot reach the
/// in-memory test server), e.g. <c>http://127.0.0.1:41234</c>.
/// </summary>
public sealed class KestrelApi : IAsyncDisposable
{
    private KestrelApi(WebApplicationFactory<Program> server, string baseUrl)
    {
        Server = server;
        BaseUrl = baseUrl;
    }

    public WebApplicationFactory<Program> Server { get; }
    public string BaseUrl { get; }
    public IServiceProvider Services => Server.Services;

    public static KestrelApi Start(ApiHost host)
    {
        var server = host.Factory.WithWebHostBuilder(_ => { });
        server.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        server.StartServer();
        var baseUrl = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelApi(server, baseUrl);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
