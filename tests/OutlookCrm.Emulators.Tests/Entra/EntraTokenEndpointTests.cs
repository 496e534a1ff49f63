using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Emulators.Tests.Entra;

public sealed class EntraFixture : IAsyncLifetime
{
    public EmulatorCertificates Certificates { get; } = EmulatorCertificates.Create();

    public EntraEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = new EntraEmulator(Certificates);
        await Emulator.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Certificates.Dispose();
    }
}

public sealed class EntraTokenEndpointTests : IClassFixture<EntraFixture>, IDisposable
{
    private const string Tenant = EntraEmulator.DefaultTenantId;
    private const string SecretApp = "11111111-1111-1111-1111-111111111111";
    private const string CertificateApp = "22222222-2222-2222-2222-222222222222";
    private const string Secret = "s3cr3t~value";

    private static readonly Lazy<(RSA Key, X509Certificate2 Certificate)> AppCertificate = new(() =>
    {
        var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OutlookCrm sync", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (rsa, request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)));
    });

    private readonly EntraEmulator emulator;
    private readonly HttpClient http;

    public EntraTokenEndpointTests(EntraFixture fixture)
    {
        emulator = fixture.Emulator;
        emulator.TokenEndpoint.Clear();
        emulator.RegisterApp(new AppRegistration
        {
            ClientId = SecretApp,
            Secrets = [Secret],
            Roles = new() { ["https://graph.microsoft.com"] = ["Calendars.ReadWrite", "Contacts.ReadWrite"] },
        });
        http = EmulatorHttp.Client(emulator);
    }

    [Fact]
    public async Task Client_secret_grant_returns_a_signed_app_token_for_the_resource()
    {
        var (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = SecretApp, ["client_secret"] = Secret, ["scope"] = "https://graph.microsoft.com/.default",
        });

        Assert.Equal(200, status);
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.Equal(3599, (int)body["expires_in"]!);
        Assert.Equal(3599, (int)body["ext_expires_in"]!);
        var token = (string)body["access_token"]!;
        var claims = await VerifiedClaimsAsync(token);
        Assert.Equal("https://graph.microsoft.com", (string?)claims["aud"]);
        Assert.Equal(Tenant, (string?)claims["tid"]);
        Assert.Equal(SecretApp, (string?)claims["appid"]);
        Assert.Equal("1", (string?)claims["appidacr"]);
        Assert.Equal(["Calendars.ReadWrite", "Contacts.ReadWrite"], claims["roles"]!.AsArray().Select(r => (string)r!));
        Assert.True((long)claims["exp"]! > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Certificate_assertion_grant_is_verified_against_the_registered_certificate()
    {
        RegisterCertificateApp();
        var assertion = Assertion(AppCertificate.Value.Key, CertificateApp, emulator.TokenEndpointFor(), DateTimeOffset.UtcNow.AddMinutes(10));

        var (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = CertificateApp, ["scope"] = "https://outlook.office365.com/.default",
            ["client_assertion_type"] = EntraTokenEndpoint.AssertionType, ["client_assertion"] = assertion,
        });

        Assert.Equal(200, status);
        var claims = await VerifiedClaimsAsync((string)body["access_token"]!);
        Assert.Equal("https://outlook.office365.com", (string?)claims["aud"]);
        Assert.Equal("2", (string?)claims["appidacr"]);
        Assert.Equal("full_access_as_app", (string?)claims["roles"]![0]);
    }

    /// <summary>MSAL.NET 4.92 signs with PS256, names the key by x5t#S256 and writes exp/nbf as strings.</summary>
    [Fact]
    public async Task Msal_shaped_assertion_with_PS256_and_string_times_is_accepted()
    {
        RegisterCertificateApp();
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var thumbprint = B64(AppCertificate.Value.Certificate.GetCertHash(HashAlgorithmName.SHA256));
        var header = B64(Encoding.UTF8.GetBytes($$"""{"alg":"PS256","typ":"JWT","x5t#S256":"{{thumbprint}}"}"""));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = B64(Encoding.UTF8.GetBytes(
            $$"""{"aud":"{{emulator.TokenEndpointFor()}}","iss":"{{CertificateApp}}","sub":"{{CertificateApp}}","nbf":"{{now}}","exp":"{{now + 600}}","jti":"{{Guid.NewGuid()}}"}"""));
        var signature = AppCertificate.Value.Key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

        var (status, body) = await TokenAsync(new()
        {
            ["client_id"] = CertificateApp, ["client_assertion_type"] = EntraTokenEndpoint.AssertionType,
            ["client_assertion"] = header + "." + claims + "." + B64(signature), ["scope"] = "https://graph.microsoft.com/.default",
            ["grant_type"] = "client_credentials", ["client_info"] = "2",
        });

        Assert.Equal(200, status);
        Assert.Equal("Calendars.ReadWrite", (string?)(await VerifiedClaimsAsync((string)body["access_token"]!))["roles"]![0]);
    }

    [Fact]
    public async Task Bad_secret_answers_401_invalid_client_AADSTS7000215()
    {
        var (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = SecretApp, ["client_secret"] = "secret-id-not-value", ["scope"] = "https://graph.microsoft.com/.default",
        });

        Assert.Equal(401, status);
        Assert.Equal("invalid_client", (string?)body["error"]);
        Assert.StartsWith("AADSTS7000215: Invalid client secret provided.", (string?)body["error_description"]);
        Assert.Equal(7000215, (int)body["error_codes"]![0]!);
        Assert.True(Guid.TryParse((string?)body["trace_id"], out _));
        Assert.True(Guid.TryParse((string?)body["correlation_id"], out _));
    }

    [Fact]
    public async Task Unknown_app_answers_unauthorized_client_AADSTS700016()
    {
        var (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = Guid.NewGuid().ToString(), ["client_secret"] = Secret, ["scope"] = "https://graph.microsoft.com/.default",
        });

        Assert.Equal(400, status);
        Assert.Equal("unauthorized_client", (string?)body["error"]);
        Assert.StartsWith("AADSTS700016:", (string?)body["error_description"]);
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/Calendars.ReadWrite", "invalid_scope", 1002012)]
    [InlineData("https://unknown.example.com/.default", "invalid_resource", 500011)]
    public async Task Scopes_must_name_a_known_resource_with_dot_default(string scope, string error, int code)
    {
        var (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = SecretApp, ["client_secret"] = Secret, ["scope"] = scope,
        });

        Assert.Equal(400, status);
        Assert.Equal(error, (string?)body["error"]);
        Assert.Equal(code, (int)body["error_codes"]![0]!);
    }

    [Fact]
    public async Task Assertions_signed_by_another_key_or_expired_are_refused()
    {
        RegisterCertificateApp();
        using var other = RSA.Create(2048);
        var cases = new[]
        {
            (Assertion(other, CertificateApp, emulator.TokenEndpointFor(), DateTimeOffset.UtcNow.AddMinutes(10)), 700027),
            (Assertion(AppCertificate.Value.Key, CertificateApp, emulator.TokenEndpointFor(), DateTimeOffset.UtcNow.AddMinutes(-10)), 700024),
            (Assertion(AppCertificate.Value.Key, CertificateApp, "https://elsewhere.example.com/token", DateTimeOffset.UtcNow.AddMinutes(10)), 50027),
        };
        foreach (var (assertion, code) in cases)
        {
            var (status, body) = await TokenAsync(new()
            {
                ["grant_type"] = "client_credentials", ["scope"] = "https://graph.microsoft.com/.default",
                ["client_assertion_type"] = EntraTokenEndpoint.AssertionType, ["client_assertion"] = assertion,
            });
            Assert.Equal(401, status);
            Assert.Equal("invalid_client", (string?)body["error"]);
            Assert.Equal(code, (int)body["error_codes"]![0]!);
        }
    }

    [Fact]
    public async Task Apps_can_be_registered_over_the_admin_api_and_unknown_tenants_are_refused()
    {
        using var registered = await http.PostAsync("/__admin/apps", new StringContent("""
            [{"clientId":"33333333-3333-3333-3333-333333333333","tenant":"contoso.onmicrosoft.com","secrets":["abc"],
              "roles":{"https://graph.microsoft.com":["Calendars.Read"]}}]
            """, Encoding.UTF8, "application/json"));
        Assert.True(registered.IsSuccessStatusCode);

        using var response = await http.PostAsync("/contoso.onmicrosoft.com/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "33333333-3333-3333-3333-333333333333", ["client_secret"] = "abc", ["scope"] = "https://graph.microsoft.com/.default",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var unknown = await http.PostAsync("/fabrikam.onmicrosoft.com/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = SecretApp, ["client_secret"] = Secret, ["scope"] = "https://graph.microsoft.com/.default",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(90002, (int)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error_codes"]![0]!);
    }

    [Fact]
    public async Task Discovery_points_msal_at_the_token_endpoint()
    {
        using var discovery = await http.GetAsync($"/{Tenant}/v2.0/.well-known/openid-configuration");
        var document = JsonNode.Parse(await discovery.Content.ReadAsStringAsync())!;
        Assert.Equal(emulator.TokenEndpointFor(), (string?)document["token_endpoint"]);

        using var instance = await http.GetAsync("/common/discovery/instance?api-version=1.1&authorization_endpoint=x");
        var metadata = JsonNode.Parse(await instance.Content.ReadAsStringAsync())!;
        Assert.Equal(emulator.BaseUri.Authority, (string?)metadata["metadata"]![0]!["aliases"]![0]);
    }

    private void RegisterCertificateApp() => emulator.RegisterApp(new AppRegistration
    {
        ClientId = CertificateApp,
        CertificatePems = [AppCertificate.Value.Certificate.ExportCertificatePem()],
        Roles = new() { ["https://outlook.office365.com"] = ["full_access_as_app"], ["https://graph.microsoft.com"] = ["Calendars.ReadWrite"] },
    });

    private async Task<(int Status, JsonNode Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var response = await http.PostAsync($"/{Tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(form));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Checks the token's RS256 signature against the published JWKS and returns its claims.</summary>
    private async Task<JsonObject> VerifiedClaimsAsync(string token)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Decode(parts[0]))!;
        using var response = await http.GetAsync($"/{Tenant}/discovery/v2.0/keys");
        var keys = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["keys"]!.AsArray();
        var jwk = keys.Single(k => (string?)k!["kid"] == (string?)header["kid"])!;
        using var rsa = RSA.Create(new RSAParameters { Modulus = Decode((string)jwk["n"]!), Exponent = Decode((string)jwk["e"]!) });
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return (JsonObject)JsonNode.Parse(Decode(parts[1]))!;
    }

    private static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    private static string Assertion(RSA key, string clientId, string audience, DateTimeOffset expires)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var thumbprint = B64(AppCertificate.Value.Certificate.GetCertHash(HashAlgorithmName.SHA1));
        var header = B64(Encoding.UTF8.GetBytes($$"""{"alg":"RS256","typ":"JWT","x5t":"{{thumbprint}}"}"""));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = B64(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["aud"] = audience, ["iss"] = clientId, ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString(),
            ["nbf"] = Math.Min(now, expires.ToUnixTimeSeconds() - 60), ["exp"] = expires.ToUnixTimeSeconds(),
        }.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + claims + "." + B64(signature);
    }

    public void Dispose() => http.Dispose();
}
