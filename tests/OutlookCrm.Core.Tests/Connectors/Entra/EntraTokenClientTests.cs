using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Connectors.Graph;

namespace OutlookCrm.Core.Tests.Connectors.Entra;

public sealed class EntraTokenClientTests
{
    private static EntraCredentials Secret(string tenant) => new()
    {
        Authority = "https://login.test:8443", TenantId = tenant, ClientId = "11111111-2222-3333-4444-555555555555", ClientSecret = "s3cret~value",
    };

    [Fact]
    public async Task Client_secret_token_goes_through_the_outbound_client_to_the_custom_authority_and_is_cached()
    {
        var endpoint = new FakeTokenEndpoint(200, "token-success.json");
        var client = new EntraTokenClient(Secret("tenant-a"), EntraCredentials.GraphScope, endpoint);

        var first = await client.GetAccessTokenAsync(default);
        var second = await client.GetAccessTokenAsync(default);

        Assert.StartsWith("eyJ0eXAi", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        var (uri, operation, form) = Assert.Single(endpoint.Requests);
        Assert.Equal("https://login.test:8443/tenant-a/oauth2/v2.0/token", uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("entra.token", operation);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("https://graph.microsoft.com/.default", form["scope"]);
        Assert.Equal("11111111-2222-3333-4444-555555555555", form["client_id"]);
        Assert.Equal("s3cret~value", form["client_secret"]);
    }

    [Fact]
    public async Task Callers_asking_at_once_before_any_token_is_cached_share_one_token_request()
    {
        var endpoint = new FakeTokenEndpoint(200, "token-success.json") { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var client = new EntraTokenClient(Secret("tenant-d"), EntraCredentials.GraphScope, endpoint);

        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => client.GetAccessTokenAsync(default))).ToList();
        // The first request is held; give the other callers every chance to send theirs before it is answered.
        for (var i = 0; i < 50 && endpoint.Requests.Count < 2; i++)
        {
            await Task.Delay(10);
        }

        endpoint.Hold.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.Single(endpoint.Requests);
        Assert.Single(tokens.Distinct());
    }

    [Fact]
    public async Task A_refused_secret_becomes_a_typed_error_with_the_oauth_code_and_aadsts_number()
    {
        var endpoint = new FakeTokenEndpoint(401, "token-invalid-client.json");
        var client = new EntraTokenClient(Secret("tenant-b"), EntraCredentials.ExchangeOnlineScope, endpoint);

        var error = await Assert.ThrowsAsync<EntraTokenException>(() => client.GetAccessTokenAsync(default));

        Assert.Equal("invalid_client", error.Code);
        Assert.Equal(7000215, error.AadstsCode);
        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("AADSTS7000215", error.Message, StringComparison.Ordinal);
        Assert.Equal("https://outlook.office365.com/.default", Assert.Single(endpoint.Requests).Form["scope"]);
    }

    [Fact]
    public async Task A_certificate_credential_sends_a_signed_client_assertion_instead_of_a_secret()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=OutlookCrm test app", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var endpoint = new FakeTokenEndpoint(200, "token-success.json");
        var credentials = Secret("tenant-c") with { ClientSecret = null, CertificatePem = certificate.ExportCertificatePem(), PrivateKeyPem = key.ExportPkcs8PrivateKeyPem() };

        await new EntraTokenClient(credentials, EntraCredentials.GraphScope, endpoint).GetAccessTokenAsync(default);

        var form = Assert.Single(endpoint.Requests).Form;
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.Equal(3, form["client_assertion"].Split('.').Length);
        Assert.False(form.ContainsKey("client_secret"));
    }

    [Theory]
    [InlineData("http://login.test")]
    [InlineData("login.microsoftonline.com")]
    public void A_non_https_authority_is_refused_before_msal_sees_it(string authority)
    {
        var error = Assert.Throws<ArgumentException>(() => new EntraTokenClient(Secret("t") with { Authority = authority }, EntraCredentials.GraphScope, new FakeTokenEndpoint(200, "token-success.json")));
        Assert.Contains("HTTPS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_in_the_contract_shape_give_credentials_and_never_print_the_secret()
    {
        var settings = GraphConnectionSettings.Parse("""
            {"type":"graph","graphUrl":"https://graph.microsoft.com/v1.0",
             "auth":{"type":"clientCredentials","authority":"https://login.microsoftonline.com","tenantId":"contoso.onmicrosoft.com","clientId":"app-1","clientSecret":"hunter2"}}
            """);

        var credentials = settings.ToEntraCredentials();

        Assert.Equal(new Uri("https://graph.microsoft.com/v1.0/"), settings.BaseUri);
        Assert.Equal(new Uri("https://login.microsoftonline.com/contoso.onmicrosoft.com/"), credentials.TenantAuthority);
        Assert.Equal("hunter2", credentials.ClientSecret);
        Assert.DoesNotContain("hunter2", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", settings.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => (settings.Auth with { ClientSecret = null }).ToEntraCredentials().Validate());
    }
}
