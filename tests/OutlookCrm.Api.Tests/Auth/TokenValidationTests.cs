using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Emulators.Entra;

namespace OutlookCrm.Api.Tests.Auth;

public sealed class TokenValidationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private readonly ApiHost host = fixture.Host;

    [Fact]
    public async Task A_valid_token_passes_and_names_the_user()
    {
        using var response = await host.Client(host.Token(new TokenRequest { User = "bob@contoso.com" })).GetAsync("/api/addin/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bob@contoso.com", body.RootElement.GetProperty("user").GetString());
        Assert.Equal(EntraEmulator.DefaultTenantId, body.RootElement.GetProperty("tenantId").GetString());
        Assert.False(body.RootElement.GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_still_passes()
    {
        var token = host.Token(new TokenRequest { ShiftSeconds = -3600 - 120 }); // expired two minutes ago

        await AssertStatusAsync(token, HttpStatusCode.OK);
    }

    public static TheoryData<string, TokenRequest> Refused => new()
    {
        { "expired", new TokenRequest { ShiftSeconds = -3600 - 600 } },
        { "not yet valid", new TokenRequest { ShiftSeconds = 3600 } },
        { "wrong audience", new TokenRequest { Audience = "api://someone-else" } },
        { "wrong issuer", new TokenRequest { Issuer = "https://login.evil.example/tenant/v2.0" } },
        { "other tenant", new TokenRequest { Tenant = "0f1e2d3c-0000-4000-8000-000000000001" } },
        { "unknown key", new TokenRequest { UnknownKey = true } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Invalid_tokens_get_401_problem_json(string reason, TokenRequest request)
    {
        request.Audience = request.Audience == new TokenRequest().Audience ? ApiHost.Audience : request.Audience;

        await AssertUnauthorizedAsync(host.Entra.MintToken(request), reason);
    }

    [Fact]
    public async Task Alg_none_is_refused()
    {
        var payload = Jwt.Payload(host.Token());
        var token = Jwt.Encode(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }) + "." + Jwt.Encode(payload) + ".";

        await AssertUnauthorizedAsync(token, "alg none");
    }

    [Fact]
    public async Task Hs256_signed_with_the_public_key_is_refused()
    {
        var payload = Jwt.Payload(host.Token());
        var publicKey = Encoding.ASCII.GetBytes(host.Entra.Keys.Current.Rsa.ExportSubjectPublicKeyInfoPem());
        var input = Jwt.Encode(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = host.Entra.Keys.Current.KeyId }) + "." + Jwt.Encode(payload);
        var token = input + "." + Jwt.Encode(HMACSHA256.HashData(publicKey, Encoding.ASCII.GetBytes(input)));

        await AssertUnauthorizedAsync(token, "HS256 with the public key");
    }

    [Fact]
    public async Task Encrypted_tokens_are_refused()
    {
        var token = string.Join('.', Enumerable.Range(0, 5).Select(i => Jwt.Encode(Encoding.UTF8.GetBytes($$"""{"alg":"RSA-OAEP","enc":"A256GCM","n":{{i}}}"""))));

        await AssertUnauthorizedAsync(token, "JWE");
    }

    [Fact]
    public async Task A_token_over_16_kb_is_refused_before_parsing()
    {
        var token = host.Token(new TokenRequest { ExtraClaims = new JsonObject { ["padding"] = new string('x', 20 * 1024) } });

        await AssertUnauthorizedAsync(token, "20 KB");
    }

    [Fact]
    public async Task A_tampered_payload_is_refused()
    {
        var parts = host.Token().Split('.');
        var payload = Jwt.Payload(host.Token());
        payload["roles"] = new JsonArray(ApiHost.AdminRole);
        var token = parts[0] + "." + Jwt.Encode(payload) + "." + parts[2];

        await AssertUnauthorizedAsync(token, "tampered");
    }

    [Fact]
    public async Task No_token_gets_401_with_a_bearer_challenge()
    {
        using var response = await host.Client().GetAsync("/api/addin/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_user_without_the_admin_role_gets_403_on_admin_routes()
    {
        using var response = await host.Client(host.Token()).GetAsync("/api/admin/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_admin_reaches_admin_routes()
    {
        using var response = await host.Client(host.AdminToken()).GetAsync("/api/admin/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AssertStatusAsync(string token, HttpStatusCode expected)
    {
        using var response = await host.Client(token).GetAsync("/api/addin/me");
        Assert.Equal(expected, response.StatusCode);
    }

    private async Task AssertUnauthorizedAsync(string token, string reason)
    {
        using var response = await host.Client(token).GetAsync("/api/addin/me");
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{reason}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token[..Math.Min(40, token.Length)], body, StringComparison.Ordinal);
    }
}
