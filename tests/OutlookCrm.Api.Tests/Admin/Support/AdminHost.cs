using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.Crm;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.Emulators.Entra;

namespace OutlookCrm.Api.Tests.Admin.Support;

/// <summary>
/// The API with real tokens (<see cref="ApiHost"/>) on a fresh store, fake Exchange and CRM connectors
/// (unless <c>fakeCrm</c> is false: then the 503 stand-in answers), and every log line captured.
/// </summary>
public sealed class AdminHost : IAsyncDisposable
{
    private readonly ApiHost host;
    private readonly WebApplicationFactory<Program> factory;

    private AdminHost(ApiHost host, bool fakeCrm)
    {
        this.host = host;
        factory = host.Factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IMailboxConnectorFactory>(Exchange);
                if (fakeCrm)
                {
                    services.AddSingleton<ICrmConnectionTester>(Crm);
                    services.AddSingleton<ICrmFieldCatalog>(Crm);
                }
            });
        });
    }

    public CapturedLogs Logs { get; } = new();

    /// <summary>The Entra emulator the API trusts; its certificates serve other emulators the API must reach.</summary>
    public EntraEmulator Entra => host.Entra;
    public FakeMailboxConnectorFactory Exchange { get; } = new();
    public FakeCrm Crm { get; } = new();

    public static async Task<AdminHost> StartAsync(StoreProvider provider = StoreProvider.Sqlite, bool fakeCrm = true) =>
        new(await ApiHost.StartAsync(provider), fakeCrm);

    public T Service<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    public HttpClient Admin(string user = "admin@contoso.com") => Client(host.AdminToken(user));

    public HttpClient NonAdmin() => Client(host.Token(new TokenRequest { User = "bob@contoso.com", Roles = ["OutlookCrm.User"] }));

    public HttpClient Anonymous() => Client(null);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The field names of a 400 validation problem.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await BodyAsync(response);
        return body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await host.DisposeAsync();
    }

    private HttpClient Client(string? token)
    {
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
