using System.Net;
using OutlookCrm.Api.Tests.Admin.Support;

namespace OutlookCrm.Api.Tests.Admin;

/// <summary>Every admin route sits behind the admin policy: no token → 401, a user token without the admin role → 403.</summary>
public sealed class AdminAuthorizationTests : IAsyncLifetime
{
    private AdminHost host = null!;

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/admin/connections/exchange" },
        { "PUT", "/api/admin/connections/exchange" },
        { "POST", "/api/admin/connections/exchange/test" },
        { "GET", "/api/admin/connections/crm" },
        { "PUT", "/api/admin/connections/crm" },
        { "POST", "/api/admin/connections/crm/test" },
        { "GET", "/api/admin/sync-configurations" },
        { "GET", "/api/admin/sync-configurations/sales" },
        { "PUT", "/api/admin/sync-configurations/sales" },
        { "DELETE", "/api/admin/sync-configurations/sales" },
        { "POST", "/api/admin/sync-runs" },
        { "GET", "/api/admin/sync-runs/abc" },
        { "GET", "/api/admin/sync-status/alice@contoso.com" },
        { "POST", "/api/admin/sync-status/alice@contoso.com/unresolved/1/retry" },
        { "POST", "/api/admin/sync-status/alice@contoso.com/reset" },
        { "GET", "/api/admin/audit" },
    };

    public async Task InitializeAsync() => host = await AdminHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_a_token_the_answer_is_401(string method, string path)
    {
        using var response = await host.Anonymous().SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_user_without_the_admin_role_gets_403(string method, string path)
    {
        using var response = await host.NonAdmin().SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Refused_requests_change_nothing()
    {
        using var response = await host.NonAdmin().SendAsync(Request("POST", "/api/admin/sync-status/alice@contoso.com/reset"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var audit = await host.Admin().GetAsync("/api/admin/audit");
        Assert.Equal(0, (await AdminHost.BodyAsync(audit)).GetProperty("entries").GetArrayLength());
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "PUT" or "POST" ? AdminHost.Json("{}") : null,
    };
}
