using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Connectors.Salesforce.Query;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class AuthTests
{
    private const string Token = "/services/oauth2/token";

    [Fact]
    public async Task Password_flow_posts_the_password_with_the_security_token_appended()
    {
        var host = new SalesforceTestHost(new SalesforcePasswordAuth
        {
            ClientId = "3MVG9client", ClientSecret = "s3cret", Username = "sync@acme.com", Password = "pa&ss=word", SecurityToken = "XYZ123",
        });

        var token = await host.Api().Tokens.GetAsync(CancellationToken.None);

        var call = Assert.Single(host.Fake.Calls("sf.token"));
        Assert.Equal($"{FakeSalesforce.LoginUrl}{Token}", call.Uri.ToString());
        var form = call.Form();
        Assert.Equal("password", form["grant_type"]);
        Assert.Equal("pa&ss=wordXYZ123", form["password"]);
        Assert.Equal("sync@acme.com", form["username"]);
        Assert.Equal("3MVG9client", form["client_id"]);
        Assert.Equal("s3cret", form["client_secret"]);
        Assert.Equal(new Uri(FakeSalesforce.Instance), token.InstanceUrl);
    }

    [Fact]
    public async Task Client_credentials_flow_sends_id_and_secret_and_later_calls_go_to_instance_url()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-user.json"));

        await host.Api().Query.ListAsync<JsonElement>(SoqlQuery.Select("Id").From("User").Limit(1), CancellationToken.None);

        var form = Assert.Single(host.Fake.Calls("sf.token")).Form();
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("s3cret", form["client_secret"]);
        var query = Assert.Single(host.Fake.Calls("sf.query"));
        Assert.Equal("acme.my.salesforce.com", query.Uri.Host);
        Assert.StartsWith("Bearer 00DRO000000A1b2!AQ4AQFirstToken", query.Authorization);
    }

    [Fact]
    public async Task Jwt_bearer_assertion_is_rs256_signed_with_iss_sub_aud_and_exp_within_three_minutes()
    {
        using var rsa = RSA.Create(2048);
        var host = new SalesforceTestHost(new SalesforceJwtBearerAuth
        {
            ClientId = "3MVG9jwt", Username = "sync@acme.com", PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem(),
        });

        await host.Api().Tokens.GetAsync(CancellationToken.None);

        var form = Assert.Single(host.Fake.Calls("sf.token")).Form();
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form["grant_type"]);
        var parts = form["assertion"].Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("RS256", Decode(parts[0]).GetProperty("alg").GetString());
        var claims = Decode(parts[1]);
        Assert.Equal("3MVG9jwt", claims.GetProperty("iss").GetString());
        Assert.Equal("sync@acme.com", claims.GetProperty("sub").GetString());
        Assert.Equal(FakeSalesforce.LoginUrl, claims.GetProperty("aud").GetString());
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        Assert.InRange(exp - SalesforceTestHost.Now, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(3));
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task Stored_refresh_token_is_used_and_a_revoked_one_falls_back_to_the_configured_grant()
    {
        var host = new SalesforceTestHost(new SalesforceClientCredentialsAuth { ClientId = "3MVG9client", ClientSecret = "s3cret", RefreshToken = "5Aep861old" });
        host.Fake.On(HttpMethod.Post, Token, Reply.File("oauth-invalid-grant.json", HttpStatusCode.BadRequest), Reply.File("token-with-refresh.json"));

        var token = await host.Api().Tokens.GetAsync(CancellationToken.None);

        var forms = host.Fake.Calls("sf.token").Select(c => c.Form()).ToList();
        Assert.Equal(2, forms.Count);
        Assert.Equal("refresh_token", forms[0]["grant_type"]);
        Assert.Equal("5Aep861old", forms[0]["refresh_token"]);
        Assert.Equal("client_credentials", forms[1]["grant_type"]);
        Assert.StartsWith("5Aep861TSES", token.RefreshToken);
    }

    [Theory]
    [InlineData("oauth-invalid-grant.json", "invalid_grant", "authentication failure")]
    [InlineData("oauth-invalid-client.json", "invalid_client", "invalid client credentials")]
    public async Task Bad_credentials_surface_the_oauth_error_code(string fixture, string code, string description)
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Post, Token, Reply.File(fixture, HttpStatusCode.BadRequest));

        var ex = await Assert.ThrowsAsync<SalesforceAuthException>(() => host.Api().Tokens.GetAsync(CancellationToken.None));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(description, ex.SalesforceMessage);
        Assert.Equal(HttpStatusCode.BadRequest, ex.Status);
    }

    [Fact]
    public async Task Expired_session_refreshes_exactly_once_then_succeeds()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Post, Token, Reply.File("token.json"), Reply.File("token-second.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query",
            Reply.Error("INVALID_SESSION_ID", HttpStatusCode.Unauthorized), Reply.File("query-user.json"));

        var users = await host.Api().Query.ListAsync<JsonElement>(SoqlQuery.Select("Id").From("User"), CancellationToken.None);

        Assert.Single(users);
        Assert.Equal(2, host.CallsOf("sf.token"));
        var queries = host.Fake.Calls("sf.query").ToList();
        Assert.Equal(2, queries.Count);
        Assert.Contains("SecondToken", queries[1].Authorization);
    }

    [Fact]
    public async Task A_session_rejected_again_after_the_refresh_is_reported_not_looped()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.Error("INVALID_SESSION_ID", HttpStatusCode.Unauthorized));

        var ex = await Assert.ThrowsAsync<SalesforceException>(() =>
            host.Api().Query.ListAsync<JsonElement>(SoqlQuery.Select("Id").From("User"), CancellationToken.None));

        Assert.Equal("INVALID_SESSION_ID", ex.ErrorCode);
        Assert.Equal(2, host.CallsOf("sf.token"));
        Assert.Equal(2, host.CallsOf("sf.query"));
    }

    private static JsonElement Decode(string part) => JsonDocument.Parse(Base64Url(part)).RootElement;

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
