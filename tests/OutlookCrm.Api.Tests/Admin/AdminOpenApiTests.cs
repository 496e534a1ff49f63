using System.Text.Json;
using OutlookCrm.Api.Tests.Admin.Support;

namespace OutlookCrm.Api.Tests.Admin;

/// <summary>Typed results make the OpenAPI document exact: every admin route with its answers and body schemas.</summary>
public sealed class AdminOpenApiTests
{
    [Fact]
    public async Task Every_admin_route_is_documented_with_its_answers()
    {
        await using var host = await AdminHost.StartAsync();

        var document = JsonDocument.Parse(await host.Anonymous().GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var paths = document.GetProperty("paths");
        (string Path, string Method, string[] Statuses)[] expected =
        [
            ("/api/admin/connections/exchange", "put", ["200", "400", "401", "403"]),
            ("/api/admin/connections/exchange", "get", ["200", "404"]),
            ("/api/admin/connections/exchange/test", "post", ["200", "400", "404"]),
            ("/api/admin/connections/crm", "put", ["200", "400"]),
            ("/api/admin/connections/crm/test", "post", ["200", "404", "503"]),
            ("/api/admin/sync-configurations", "get", ["200"]),
            ("/api/admin/sync-configurations/{name}", "put", ["200", "400", "409", "503"]),
            ("/api/admin/sync-configurations/{name}", "delete", ["204", "404"]),
            ("/api/admin/sync-runs", "post", ["202", "400", "404"]),
            ("/api/admin/sync-runs/{id}", "get", ["200", "404"]),
            ("/api/admin/sync-status/{mailbox}", "get", ["200", "404"]),
            ("/api/admin/sync-status/{mailbox}/unresolved/{id}/retry", "post", ["204", "404"]),
            ("/api/admin/sync-status/{mailbox}/reset", "post", ["200"]),
            ("/api/admin/sync-activity", "get", ["200", "400"]),
        ];
        foreach (var (path, method, statuses) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            var responses = item.GetProperty(method).GetProperty("responses");
            Assert.All(statuses, status => Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} {status}"));
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("SyncStatusResponse").GetProperty("properties").TryGetProperty("contacts", out _));
        Assert.True(schemas.GetProperty("ObjectStatus").GetProperty("properties").TryGetProperty("unresolved", out _));
        Assert.True(schemas.GetProperty("ConnectionTestResponse").GetProperty("properties").TryGetProperty("steps", out _));
    }
}
