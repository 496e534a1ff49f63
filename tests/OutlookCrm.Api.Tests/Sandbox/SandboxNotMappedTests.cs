using System.Net;
using System.Net.Http.Json;
using OutlookCrm.Api.Tests.Support;

namespace OutlookCrm.Api.Tests.Sandbox;

public sealed class SandboxNotMappedTests
{
    [Fact]
    public async Task Outside_the_sandbox_there_is_no_token_endpoint()
    {
        await using var host = await ApiHost.StartAsync();

        using var response = await host.Client().PostAsJsonAsync("/sandbox/token", new { user = "alice@contoso.com", admin = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("access_token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
