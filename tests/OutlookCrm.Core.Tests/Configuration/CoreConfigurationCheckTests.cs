using Microsoft.Extensions.Configuration;
using OutlookCrm.Core.Configuration;

namespace OutlookCrm.Core.Tests.Configuration;

public sealed class CoreConfigurationCheckTests
{
    [Theory]
    [InlineData("Store:Provider", "mysql", "Store__Provider")]
    [InlineData("Sync:Interval", "ten minutes", "Sync__Interval")]
    [InlineData("Sync:Interval", "-00:01:00", "Sync__Interval")]
    [InlineData("Sync:RunInApi", "yes", "Sync__RunInApi")]
    [InlineData("Http:TrustedCaFile", "/nonexistent/ca.pem", "Http__TrustedCaFile")]
    [InlineData("Sync:NotificationUrl", "http://crm-sync.contoso.com", "Sync__NotificationUrl")]
    [InlineData("Sync:NotificationUrl", "crm-sync.contoso.com", "Sync__NotificationUrl")]
    [InlineData("Sync:SubscriptionLifetime", "8.00:00:00", "Sync__SubscriptionLifetime")]
    public void Each_invalid_key_is_named(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        var problems = CoreConfigurationCheck.Problems(configuration);

        Assert.Contains(problems, p => p.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Store:Provider", "postgres")]).Build();

        var error = Assert.Throws<StartupConfigurationException>(() => CoreConfigurationCheck.ThrowIfInvalid(CoreConfigurationCheck.Problems(configuration)));

        Assert.Contains("Store__ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_notification_url_is_valid()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Sync:NotificationUrl", "https://crm-sync.contoso.com/")]).Build();

        Assert.Empty(CoreConfigurationCheck.Problems(configuration));
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(CoreConfigurationCheck.Problems(new ConfigurationBuilder().Build()));
    }
}
