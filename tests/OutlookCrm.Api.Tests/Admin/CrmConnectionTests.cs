using System.Net;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Admin;

public sealed class CrmConnectionTests
{
    private const string PasswordAuth =
        """{"type":"salesforce","loginUrl":"https://login.salesforce.com","apiVersion":"62.0","auth":{"type":"password","clientId":"3MVG9","clientSecret":"sf-secret-1","username":"sync@contoso.com","password":"sf-password-1","securityToken":"sf-token-1"}}""";

    private const string JwtAuth =
        """{"type":"salesforce","loginUrl":"https://login.salesforce.com","apiVersion":"62.0","auth":{"type":"jwtBearer","clientId":"3MVG9","username":"sync@contoso.com","privateKeyPem":"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"}}""";

    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Every_secret_is_masked_in_answers_and_absent_from_logs(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();

        using var put = await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(PasswordAuth));
        using var get = await admin.GetAsync("/api/admin/connections/crm");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var auth = (await AdminHost.BodyAsync(get)).GetProperty("auth");
        Assert.Equal(["***", "***", "***"], new[] { "clientSecret", "password", "securityToken" }.Select(f => auth.GetProperty(f).GetString()));
        Assert.Equal("sync@contoso.com", auth.GetProperty("username").GetString());
        var stored = await host.Service<StoredConnections>().FindAsync<CrmConnection>(CancellationToken.None);
        Assert.Equal(("sf-secret-1", "sf-password-1", "sf-token-1"), (stored!.Auth!.ClientSecret, stored.Auth.Password, stored.Auth.SecurityToken));
        foreach (var secret in new[] { "sf-secret-1", "sf-password-1", "sf-token-1" })
        {
            Assert.DoesNotContain(secret, host.Logs.All, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Jwt_bearer_needs_a_private_key_and_keeps_it_when_omitted()
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();

        using var missing = await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(JwtAuth.Replace("\"privateKeyPem\"", "\"unused\"")));
        using var first = await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(JwtAuth));
        using var again = await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(JwtAuth.Replace("\"privateKeyPem\"", "\"unused\"")));

        Assert.Equal(["auth.privateKeyPem"], await AdminHost.ErrorFieldsAsync(missing));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("***", (await AdminHost.BodyAsync(again)).GetProperty("auth").GetProperty("privateKeyPem").GetString());
        var stored = await host.Service<StoredConnections>().FindAsync<CrmConnection>(CancellationToken.None);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", stored!.Auth!.PrivateKeyPem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"type\":\"salesforce\"", "\"type\":\"dynamics\"", "type")]
    [InlineData("https://login.salesforce.com", "http://login.salesforce.com", "loginUrl")]
    [InlineData("https://login.salesforce.com", "login.salesforce.com", "loginUrl")]
    [InlineData("\"62.0\"", "\"v62\"", "apiVersion")]
    [InlineData("\"type\":\"password\"", "\"type\":\"oauth\"", "auth.type")]
    [InlineData("\"clientId\":\"3MVG9\"", "\"clientId\":\"\"", "auth.clientId")]
    [InlineData("\"username\":\"sync@contoso.com\"", "\"username\":null", "auth.username")]
    public async Task Invalid_connections_are_400_naming_the_field(string from, string to, string field)
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().PutAsync("/api/admin/connections/crm", AdminHost.Json(PasswordAuth.Replace(from, to)));

        Assert.Contains(field, await AdminHost.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task The_test_reports_steps_and_the_daily_api_allowance()
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(PasswordAuth))).EnsureSuccessStatusCode();

        using var response = await admin.PostAsync("/api/admin/connections/crm/test", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AdminHost.BodyAsync(response);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", body.GetProperty("steps")[1].GetProperty("code").GetString());
        Assert.Equal(15000, body.GetProperty("limits").GetProperty("dailyApiRequests").GetProperty("max").GetInt64());
        Assert.Equal(0, body.GetProperty("limits").GetProperty("dailyApiRequests").GetProperty("remaining").GetInt64());
        Assert.Equal("sf-password-1", host.Crm.TestedWith!.Auth!.Password);
    }

    [Fact]
    public async Task The_salesforce_connector_tests_an_org_step_by_step_and_names_a_bad_secret()
    {
        await using var host = await AdminHost.StartAsync(fakeCrm: false);
        await using var org = await SalesforceOrg.StartAsync(host);
        var admin = host.Admin();

        (await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(org.Connection("sf-secret")))).EnsureSuccessStatusCode();
        using var good = await admin.PostAsync("/api/admin/connections/crm/test", null);
        (await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(org.Connection("wrong-secret")))).EnsureSuccessStatusCode();
        using var bad = await admin.PostAsync("/api/admin/connections/crm/test", null);

        var ok = await AdminHost.BodyAsync(good);
        Assert.True(ok.GetProperty("ok").GetBoolean(), ok.ToString());
        Assert.Equal(["authenticate", "query"], ok.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Take(2));
        Assert.True(ok.GetProperty("limits").ValueKind == System.Text.Json.JsonValueKind.Object, ok.ToString());
        Assert.True(ok.GetProperty("limits").GetProperty("dailyApiRequests").GetProperty("max").GetInt64() > 0, ok.ToString());
        var failed = await AdminHost.BodyAsync(bad);
        Assert.False(failed.GetProperty("ok").GetBoolean());
        var first = failed.GetProperty("steps")[0];
        Assert.Equal(("authenticate", false, "invalid_client"), (first.GetProperty("name").GetString(), first.GetProperty("ok").GetBoolean(), first.GetProperty("code").GetString()));
    }
}
