using OutlookCrm.Api.Tests.Support;

namespace OutlookCrm.Api.Tests.Hosting;

public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Auth:Authority", "", "Auth__Authority")]
    [InlineData("Auth:Authority", "http://login.example.com/tenant/v2.0", "Auth__Authority")]
    [InlineData("Auth:Audience", "", "Auth__Audience")]
    [InlineData("Store:Provider", "oracle", "Store__Provider")]
    public async Task Missing_or_invalid_configuration_stops_start_up_naming_the_key(string key, string value, string named)
    {
        await using var host = await ApiHost.StartAsync(overrides: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => host.Client());

        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : error.Message + " " + Flatten(error.InnerException);
}
