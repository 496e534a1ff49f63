using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Core.Store;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Support;

/// <summary>
/// The API in-process (WebApplicationFactory) against a fresh store and a real OIDC issuer (the
/// Entra emulator over HTTPS, trusted through <c>Http__TrustedCaFile</c>), with real signed tokens.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string Audience = "api://outlookcrm-tests";
    public const string AdminRole = "OutlookCrm.Admin";

    private readonly TestStore store;

    private ApiHost(EntraEmulator entra, TestStore store, WebApplicationFactory<Program> factory)
    {
        Entra = entra;
        this.store = store;
        Factory = factory;
    }

    public EntraEmulator Entra { get; }
    public WebApplicationFactory<Program> Factory { get; }

    public static async Task<ApiHost> StartAsync(
        StoreProvider provider = StoreProvider.Sqlite, string tenant = EntraEmulator.DefaultTenantId, IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? services = null)
    {
        var certificates = TestCertificates.Shared;
        var entra = new EntraEmulator(certificates);
        await entra.StartAsync();
        var store = await TestStore.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Authority"] = entra.AuthorityFor(tenant),
            ["Auth:Audience"] = Audience,
            ["Http:TrustedCaFile"] = EmulatorHttp.WriteCaFile(certificates),
            ["DataProtection:KeysDirectory"] = Directory.CreateTempSubdirectory("outlookcrm-keys-").FullName,
            ["Sync:RunInApi"] = "false",
        };
        foreach (var (key, value) in store.Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        return new ApiHost(entra, store, factory);
    }

    public string Token(TokenRequest? request = null)
    {
        request ??= new TokenRequest();
        if (request.Audience == new TokenRequest().Audience)
        {
            request.Audience = Audience;
        }

        return Entra.MintToken(request);
    }

    public string AdminToken(string user = "admin@contoso.com") => Token(new TokenRequest { User = user, Roles = [AdminRole] });

    public HttpClient Client(string? token = null)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Entra.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await store.DisposeAsync();
    }
}
