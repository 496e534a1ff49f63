using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using OutlookCrm.Api.Tests.Support;

namespace OutlookCrm.Api.Tests.Hosting;

public sealed class AdminPageHostingTests
{
    [Fact]
    public async Task Admin_redirects_anonymously_to_the_admin_page_of_the_add_in_build()
    {
        await using var host = await ApiHost.StartAsync();
        using var client = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var redirect = await client.GetAsync("/admin");
        using var page = await client.GetAsync("/addin/admin.html");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/addin/admin.html", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // ./test.sh builds addin/dist before the .NET tests
        Assert.Contains("OutlookCrm administration", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_scopes_default_to_the_add_in_scopes_and_can_be_set()
    {
        await using var plain = await ApiHost.StartAsync();
        await using var configured = await ApiHost.StartAsync(overrides: new Dictionary<string, string?> { ["Admin:Scopes:0"] = "api://crm.contoso.com/admin" });

        using var defaults = JsonDocument.Parse(await plain.Client().GetStringAsync("/addin/config.json"));
        using var set = JsonDocument.Parse(await configured.Client().GetStringAsync("/addin/config.json"));

        Assert.Equal(ApiHost.Audience + "/access_as_user", defaults.RootElement.GetProperty("auth").GetProperty("adminScopes")[0].GetString());
        Assert.Equal(["api://crm.contoso.com/admin"], set.RootElement.GetProperty("auth").GetProperty("adminScopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(ApiHost.Audience + "/access_as_user", set.RootElement.GetProperty("auth").GetProperty("scopes")[0].GetString());
    }
}
