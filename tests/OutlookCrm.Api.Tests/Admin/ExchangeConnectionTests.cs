using System.Net;
using System.Text.Json;
using Dapper;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Admin;

public sealed class ExchangeConnectionTests
{
    private const string Password = "Ews-Pa55word!-never-logged";
    private const string ClientSecret = "graph-client-secret-never-logged";

    private static readonly string EwsBasic =
        $$$"""{"type":"ews","ewsUrl":"https://mail.contoso.com/EWS/Exchange.asmx","auth":{"type":"basic","username":"svc-sync@contoso.com","password":"{{{Password}}}"}}""";

    private static readonly string Graph =
        $$$"""{"type":"graph","graphUrl":"https://graph.microsoft.com/v1.0","auth":{"type":"clientCredentials","authority":"https://login.microsoftonline.com","tenantId":"t1","clientId":"c1","clientSecret":"{{{ClientSecret}}}"}}""";

    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Put_answers_the_connection_with_masked_secrets_and_get_returns_the_same(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();

        using var put = await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(EwsBasic));
        using var get = await admin.GetAsync("/api/admin/connections/exchange");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var putText = await put.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(putText).RootElement;
        Assert.Equal("***", body.GetProperty("auth").GetProperty("password").GetString());
        Assert.Equal("svc-sync@contoso.com", body.GetProperty("auth").GetProperty("username").GetString());
        Assert.Equal("https://mail.contoso.com/EWS/Exchange.asmx", body.GetProperty("ewsUrl").GetString());
        Assert.DoesNotContain(Password, putText, StringComparison.Ordinal);
        Assert.Equal(putText, await get.Content.ReadAsStringAsync());
        Assert.DoesNotContain(Password, host.Logs.All, StringComparison.Ordinal);

        var stored = await host.Service<ConnectionRepository>().FindAsync("exchange", CancellationToken.None);
        Assert.Equal(Password, stored!.Secrets["password"]);
        Assert.DoesNotContain(Password, stored.SettingsJson, StringComparison.Ordinal);
        await using var connection = await host.Service<StoreDatabase>().OpenAsync(CancellationToken.None);
        var raw = await connection.QuerySingleAsync<string>("SELECT settings_json || secrets_cipher FROM connections WHERE kind = 'exchange'");
        Assert.DoesNotContain(Password, raw, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_put_without_the_secret_or_with_the_mask_keeps_the_stored_one(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(Graph))).EnsureSuccessStatusCode();

        using var withoutSecret = await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(Graph.Replace($",\"clientSecret\":\"{ClientSecret}\"", "").Replace("c1", "c2")));
        var afterOmitted = await host.Service<StoredConnections>().FindAsync<ExchangeConnection>(CancellationToken.None);
        using var masked = await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(Graph.Replace(ClientSecret, "***").Replace("c1", "c3")));
        var afterMasked = await host.Service<StoredConnections>().FindAsync<ExchangeConnection>(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, withoutSecret.StatusCode);
        Assert.Equal(("c2", ClientSecret), (afterOmitted!.Auth!.ClientId, afterOmitted.Auth.ClientSecret));
        Assert.Equal(HttpStatusCode.OK, masked.StatusCode);
        Assert.Equal(("c3", ClientSecret), (afterMasked!.Auth!.ClientId, afterMasked.Auth.ClientSecret));
        Assert.Equal("***", (await AdminHost.BodyAsync(masked)).GetProperty("auth").GetProperty("clientSecret").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_required_secret_must_be_sent_on_the_first_put_and_when_the_auth_type_changes(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();

        using var first = await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(EwsBasic.Replace($",\"password\":\"{Password}\"", "")));
        Assert.Equal(["auth.password"], await AdminHost.ErrorFieldsAsync(first));
        Assert.Null(await host.Service<ConnectionRepository>().FindAsync("exchange", CancellationToken.None));

        (await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(EwsBasic))).EnsureSuccessStatusCode();
        using var switched = await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(Graph.Replace(ClientSecret, "***")));
        Assert.Equal(["auth.clientSecret"], await AdminHost.ErrorFieldsAsync(switched));
    }

    [Theory]
    [InlineData("""{"type":"ews","ewsUrl":"not a url","auth":{"type":"basic","username":"u","password":"p"}}""", "ewsUrl")]
    [InlineData("""{"type":"ews","ewsUrl":"http://mail.contoso.com/EWS/Exchange.asmx","auth":{"type":"basic","username":"u","password":"p"}}""", "ewsUrl")]
    [InlineData("""{"type":"ews","ewsUrl":"ftp://mail.contoso.com/EWS","auth":{"type":"basic","username":"u","password":"p"}}""", "ewsUrl")]
    [InlineData("""{"type":"exchange2010","ewsUrl":"https://mail.contoso.com/EWS","auth":{"type":"basic","username":"u","password":"p"}}""", "type")]
    [InlineData("""{"type":"EWS","ewsUrl":"https://mail.contoso.com/EWS","auth":{"type":"basic","username":"u","password":"p"}}""", "type")]
    [InlineData("""{"type":"ews","ewsUrl":"https://mail.contoso.com/EWS","auth":{"type":"ntlm","username":"u","password":"p"}}""", "auth.type")]
    [InlineData("""{"type":"ews","ewsUrl":"https://mail.contoso.com/EWS","auth":{"type":"basic","password":"p"}}""", "auth.username")]
    [InlineData("""{"type":"ews","ewsUrl":"https://mail.contoso.com/EWS"}""", "auth")]
    [InlineData("""{"type":"graph","auth":{"type":"basic","username":"u","password":"p"}}""", "auth.type")]
    [InlineData("""{"type":"graph","graphUrl":"http://graph.microsoft.com/v1.0","auth":{"type":"clientCredentials","tenantId":"t","clientId":"c","clientSecret":"s"}}""", "graphUrl")]
    [InlineData("""{"type":"graph","auth":{"type":"clientCredentials","authority":"http://login.microsoftonline.com","tenantId":"t","clientId":"c","clientSecret":"s"}}""", "auth.authority")]
    [InlineData("""{"type":"graph","auth":{"type":"clientCredentials","clientId":"c","clientSecret":"s"}}""", "auth.tenantId")]
    [InlineData("""{"type":"ews","ewsUrl":"https://outlook.office365.com/EWS/Exchange.asmx","auth":{"type":"clientCredentials","tenantId":"t","clientSecret":"s"}}""", "auth.clientId")]
    public async Task Invalid_connections_are_400_naming_the_field(string json, string field)
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().PutAsync("/api/admin/connections/exchange", AdminHost.Json(json));

        Assert.Contains(field, await AdminHost.ErrorFieldsAsync(response));
        Assert.Null(await host.Service<ConnectionRepository>().FindAsync("exchange", CancellationToken.None));
    }

    [Theory]
    [InlineData("http://localhost:8443/EWS/Exchange.asmx")]
    [InlineData("http://127.0.0.1:8443/EWS/Exchange.asmx")]
    public async Task Plain_http_is_accepted_for_loopback_only(string url)
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().PutAsync("/api/admin/connections/exchange", AdminHost.Json(EwsBasic.Replace("https://mail.contoso.com/EWS/Exchange.asmx", url)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_before_any_put_is_404_problem()
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().GetAsync("/api/admin/connections/exchange");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
