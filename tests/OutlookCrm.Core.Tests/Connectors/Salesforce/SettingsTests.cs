using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Connectors.Salesforce;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class SettingsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("""{"type":"password","clientId":"c","clientSecret":"s","username":"u","password":"p","securityToken":"t"}""", typeof(SalesforcePasswordAuth))]
    [InlineData("""{"type":"jwtBearer","clientId":"c","username":"u","privateKeyPem":"-----BEGIN PRIVATE KEY-----"}""", typeof(SalesforceJwtBearerAuth))]
    [InlineData("""{"type":"clientCredentials","clientId":"c","clientSecret":"s"}""", typeof(SalesforceClientCredentialsAuth))]
    public void The_contracts_crm_connection_body_reads_into_settings(string auth, Type expected)
    {
        var json = $$"""{"type":"salesforce","loginUrl":"https://login.salesforce.com","auth":{{auth}}}""";

        var settings = JsonSerializer.Deserialize<SalesforceConnectionSettings>(json, Web)!;

        Assert.IsType(expected, settings.Auth);
        Assert.Equal(("https://login.salesforce.com", "62.0", "c"), (settings.LoginUrl, settings.ApiVersion, settings.Auth.ClientId));
    }

    [Fact]
    public void A_password_auth_without_its_password_is_refused() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SalesforceConnectionSettings>(
            """{"auth":{"type":"password","clientId":"c","clientSecret":"s","username":"u"}}""", Web));

    [Fact]
    public void The_factory_resolves_with_the_outbound_http_client()
    {
        var services = new ServiceCollection().AddOutboundHttp(new ConfigurationBuilder().Build()).AddSalesforceConnector();
        using var provider = services.BuildServiceProvider();

        var connector = provider.GetRequiredService<SalesforceConnectorFactory>().Create(new SalesforceConnectionSettings
        {
            Auth = new SalesforceClientCredentialsAuth { ClientId = "c", ClientSecret = "s" },
        });

        Assert.NotNull(connector.Contacts);
    }
}
