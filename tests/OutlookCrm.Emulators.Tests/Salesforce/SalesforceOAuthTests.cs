using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Emulators.Tests.Salesforce;

public sealed class SalesforceOAuthTests(SalesforceFixture fixture) : SalesforceTestBase(fixture), IClassFixture<SalesforceFixture>
{
    [Fact]
    public async Task Password_flow_with_security_token_appended_issues_a_usable_token()
    {
        var (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "password", ["client_id"] = ClientId, ["client_secret"] = ClientSecret,
            ["username"] = Alice, ["password"] = AlicePassword + AliceToken,
        });

        Assert.Equal(200, status);
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.Equal(Emulator.BaseUrl, (string?)body["instance_url"]);
        Assert.EndsWith("/" + AliceId, (string?)body["id"]);
        Assert.True(long.TryParse((string?)body["issued_at"], out _));
        Assert.False(string.IsNullOrEmpty((string?)body["signature"]));
        await AssertTokenWorksAsync((string)body["access_token"]!);

        using var identity = new HttpRequestMessage(HttpMethod.Get, (string)body["id"]!);
        identity.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)body["access_token"]!);
        using var answer = await Anonymous.SendAsync(identity);
        var user = await ReadAsync(answer);
        Assert.Equal(Alice, (string?)user["username"]);
        Assert.Equal(AliceId, (string?)user["user_id"]);
    }

    [Theory]
    [InlineData(AlicePassword, ClientSecret, "invalid_grant", "authentication failure")]
    [InlineData("wrong" + AliceToken, ClientSecret, "invalid_grant", "authentication failure")]
    [InlineData(AlicePassword + AliceToken, "bad-secret", "invalid_client", "invalid client credentials")]
    public async Task Password_flow_rejects_bad_credentials(string password, string secret, string error, string description)
    {
        var (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "password", ["client_id"] = ClientId, ["client_secret"] = secret, ["username"] = Alice, ["password"] = password,
        });

        Assert.Equal(400, status);
        Assert.Equal(error, (string?)body["error"]);
        Assert.Equal(description, (string?)body["error_description"]);
    }

    [Fact]
    public async Task Unknown_client_and_unknown_grant_type_are_refused()
    {
        var (status, body) = await TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = "nope", ["client_secret"] = "x" });
        Assert.Equal(400, status);
        Assert.Equal("invalid_client_id", (string?)body["error"]);

        (status, body) = await TokenAsync(new() { ["grant_type"] = "implicit", ["client_id"] = ClientId });
        Assert.Equal(400, status);
        Assert.Equal("unsupported_grant_type", (string?)body["error"]);
    }

    [Fact]
    public async Task Client_credentials_runs_as_the_configured_user_and_needs_one()
    {
        var (status, body) = await TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = ClientId, ["client_secret"] = ClientSecret });
        Assert.Equal(200, status);
        Assert.EndsWith("/" + AliceId, (string?)body["id"]);
        await AssertTokenWorksAsync((string)body["access_token"]!);

        Emulator.RegisterApp(new() { ClientId = "no-run-as", ClientSecret = "s" });
        (status, body) = await TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = "no-run-as", ["client_secret"] = "s" });
        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", (string?)body["error"]);
        Assert.Equal("no client credentials user enabled", (string?)body["error_description"]);
    }

    [Fact]
    public async Task Jwt_bearer_accepts_an_assertion_signed_with_the_registered_certificate()
    {
        var assertion = Assertion(JwtSigningKey, ClientId, Alice, Emulator.LoginUrl, DateTimeOffset.UtcNow.AddMinutes(3));
        var (status, body) = await TokenAsync(new() { ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer", ["assertion"] = assertion });

        Assert.Equal(200, status);
        Assert.Null(body["refresh_token"]);
        await AssertTokenWorksAsync((string)body["access_token"]!);
    }

    [Fact]
    public async Task Jwt_bearer_rejects_wrong_key_expired_assertion_wrong_audience_and_unknown_user()
    {
        using var otherKey = RSA.Create(2048);
        var future = DateTimeOffset.UtcNow.AddMinutes(3);
        var cases = new[]
        {
            (Assertion(otherKey, ClientId, Alice, Emulator.LoginUrl, future), "invalid assertion"),
            (Assertion(JwtSigningKey, ClientId, Alice, Emulator.LoginUrl, DateTimeOffset.UtcNow.AddMinutes(-1)), "expired authorization code"),
            (Assertion(JwtSigningKey, ClientId, Alice, "https://evil.example.com", future), "audience is invalid"),
            (Assertion(JwtSigningKey, ClientId, "nobody@contoso.com", Emulator.LoginUrl, future), "user hasn't approved this consumer"),
        };
        foreach (var (assertion, description) in cases)
        {
            var (status, body) = await TokenAsync(new() { ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer", ["assertion"] = assertion });
            Assert.Equal(400, status);
            Assert.Equal("invalid_grant", (string?)body["error"]);
            Assert.Equal(description, (string?)body["error_description"]);
        }
    }

    [Fact]
    public async Task Web_server_flow_with_pkce_issues_access_and_refresh_tokens()
    {
        var verifier = "verifier-" + new string('x', 50);
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var code = await AuthorizeAsync(challenge);

        var (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code, ["redirect_uri"] = Callback, ["code_verifier"] = "wrong-" + verifier,
        });
        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", (string?)body["error"]);

        code = await AuthorizeAsync(challenge);
        (status, body) = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code, ["redirect_uri"] = Callback, ["code_verifier"] = verifier,
        });
        Assert.Equal(200, status);
        var refresh = (string)body["refresh_token"]!;
        await AssertTokenWorksAsync((string)body["access_token"]!);

        (status, _) = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code, ["redirect_uri"] = Callback, ["code_verifier"] = verifier,
        });
        Assert.Equal(400, status);

        (status, body) = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["client_secret"] = ClientSecret, ["refresh_token"] = refresh });
        Assert.Equal(200, status);
        await AssertTokenWorksAsync((string)body["access_token"]!);

        (status, body) = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["refresh_token"] = "forged" });
        Assert.Equal(400, status);
        Assert.Equal("expired access/refresh token", (string?)body["error_description"]);
    }

    [Fact]
    public async Task An_expired_or_missing_session_answers_401_INVALID_SESSION_ID()
    {
        Emulator.Auth.SessionLifetime = TimeSpan.FromMinutes(5);
        var token = Emulator.IssueAccessToken(Alice);
        await AssertTokenWorksAsync(token);

        Emulator.Org.AdvanceClock(TimeSpan.FromMinutes(6));
        using var client = EmulatorHttp.Client(Emulator);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync($"{V}/limits");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("""[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""", body);

        using var anonymous = await Anonymous.GetAsync($"{V}/sobjects/Contact/describe");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<string> AuthorizeAsync(string challenge)
    {
        using var handler = EmulatorHttp.Handler(Emulator.Certificates);
        handler.AllowAutoRedirect = false;
        using var client = new HttpClient(handler) { BaseAddress = Emulator.BaseUri };
        using var response = await client.GetAsync(
            $"/services/oauth2/authorize?response_type=code&client_id={ClientId}&redirect_uri={Uri.EscapeDataString(Callback)}&code_challenge={challenge}&code_challenge_method=S256&state=xyz");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(Callback + "?code=", location);
        Assert.EndsWith("&state=xyz", location);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(location).Query);
        return query["code"].ToString();
    }

    private async Task<(int Status, JsonNode Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var response = await Anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(form));
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    private async Task AssertTokenWorksAsync(string token)
    {
        using var client = EmulatorHttp.Client(Emulator);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync($"{V}/limits");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Assertion(RSA key, string issuer, string subject, string audience, DateTimeOffset expires)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64(Encoding.UTF8.GetBytes("""{"alg":"RS256"}"""));
        var claims = B64(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["iss"] = issuer, ["sub"] = subject, ["aud"] = audience, ["exp"] = expires.ToUnixTimeSeconds(),
        }.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + claims + "." + B64(signature);
    }
}
