using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Auth;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Emulators.Tests.Salesforce;

/// <summary>One running emulator per test class; every test starts from a reset, seeded org (see <see cref="SalesforceTestBase"/>).</summary>
public sealed class SalesforceFixture : IAsyncLifetime
{
    private static readonly Lazy<EmulatorCertificates> SharedCertificates = new(EmulatorCertificates.Create);

    public SalesforceEmulator Emulator { get; } = new(SharedCertificates.Value);

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>
/// Seeds a standard org before each test: user alice (password + token), a connected app with a
/// secret, a JWT certificate and a run-as user, and an authenticated raw HTTP client.
/// </summary>
public abstract class SalesforceTestBase : IDisposable
{
    public const string ClientId = "3MVG9-test-consumer-key";
    public const string ClientSecret = "consumer-secret-1234";
    public const string Alice = "alice@contoso.com";
    public const string AlicePassword = "Passw0rd!";
    public const string AliceToken = "TOKENabc123";
    public const string Callback = "https://app.example.com/callback";
    protected const string V = "/services/data/v62.0";

    private static readonly Lazy<(RSA Key, string CertificatePem)> JwtKey = new(() =>
    {
        var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OutlookCrm JWT", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (rsa, certificate.ExportCertificatePem());
    });

    protected SalesforceTestBase(SalesforceFixture fixture)
    {
        Emulator = fixture.Emulator;
        Emulator.ResetOrg(withExternalIdFields: true);
        Emulator.Admin.Reset();
        AliceId = Emulator.AddUser(Alice, password: AlicePassword, securityToken: AliceToken, lastName: "Smith");
        Emulator.RegisterApp(new ConnectedApp
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            CertificatePem = JwtKey.Value.CertificatePem,
            RedirectUris = [Callback],
            RunAsUsername = Alice,
        });
        Anonymous = EmulatorHttp.Client(Emulator);
        Http = EmulatorHttp.Client(Emulator);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.IssueAccessToken(Alice));
    }

    protected SalesforceEmulator Emulator { get; }
    protected string AliceId { get; }
    protected HttpClient Http { get; }
    protected HttpClient Anonymous { get; }

    protected static RSA JwtSigningKey => JwtKey.Value.Key;

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    protected async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    protected Task<(int Status, JsonNode? Body)> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    protected async Task<JsonObject> QueryAsync(string soql, string endpoint = "query")
    {
        var (status, body) = await GetAsync($"{V}/{endpoint}?q={Uri.EscapeDataString(soql)}");
        Assert.True(status == 200, body?.ToJsonString());
        return (JsonObject)body!;
    }

    protected static void AssertError(int expectedStatus, string expectedCode, (int Status, JsonNode? Body) answer)
    {
        Assert.True(expectedStatus == answer.Status, $"expected {expectedStatus}, got {answer.Status}: {answer.Body?.ToJsonString()}");
        var errors = Assert.IsType<JsonArray>(answer.Body);
        var first = Assert.IsType<JsonObject>(errors[0]);
        Assert.Equal(expectedCode, (string?)first["errorCode"]);
        Assert.False(string.IsNullOrEmpty((string?)first["message"]));
    }

    protected string CreateContact(string lastName, string? email = null, string? accountId = null, string? firstName = null)
    {
        var fields = new JsonObject { ["LastName"] = lastName };
        if (email is not null)
        {
            fields["Email"] = email;
        }

        if (accountId is not null)
        {
            fields["AccountId"] = accountId;
        }

        if (firstName is not null)
        {
            fields["FirstName"] = firstName;
        }

        return Emulator.CreateRecord("Contact", fields);
    }

    public void Dispose()
    {
        Http.Dispose();
        Anonymous.Dispose();
        GC.SuppressFinalize(this);
    }
}
