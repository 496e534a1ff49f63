using System.Net;
using System.Text.Json;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Hosting;

public sealed class HealthTests
{
    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Fact]
    public async Task Healthz_answers_without_a_token()
    {
        await using var host = await ApiHost.StartAsync();

        using var response = await host.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Readyz_reports_the_migrated_schema(StoreProvider provider)
    {
        await using var host = await ApiHost.StartAsync(provider);

        using var response = await host.Client().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(Migrator.Embedded(provider).Max(m => m.Version), body.RootElement.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public async Task Swagger_documents_the_endpoints_and_the_bearer_scheme()
    {
        await using var host = await ApiHost.StartAsync();
        using var client = host.Client();

        var document = await client.GetStringAsync("/swagger/v1/swagger.json");
        using var ui = await client.GetAsync("/swagger/index.html");

        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/healthz", out _));
        Assert.True(paths.TryGetProperty("/api/admin/audit", out _));
        Assert.Equal("bearer", json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task The_add_in_pane_and_its_configuration_are_served_anonymously()
    {
        await using var host = await ApiHost.StartAsync(overrides: new Dictionary<string, string?> { ["Addin:ClientId"] = "11111111-2222-3333-4444-555555555555" });
        using var client = host.Client();

        using var pane = await client.GetAsync("/addin/taskpane.html");
        using var config = JsonDocument.Parse(await client.GetStringAsync("/addin/config.json"));

        Assert.Equal(HttpStatusCode.OK, pane.StatusCode); // ./test.sh builds addin/dist before the .NET tests
        Assert.Contains("appsforoffice.microsoft.com", await pane.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("11111111-2222-3333-4444-555555555555", config.RootElement.GetProperty("auth").GetProperty("clientId").GetString());
        Assert.Equal(ApiHost.Audience + "/access_as_user", config.RootElement.GetProperty("auth").GetProperty("scopes")[0].GetString());
    }

    [Fact]
    public async Task Unknown_routes_answer_problem_json()
    {
        await using var host = await ApiHost.StartAsync();

        using var response = await host.Client().GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
