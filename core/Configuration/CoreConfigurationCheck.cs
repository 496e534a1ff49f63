using Microsoft.Extensions.Configuration;

namespace OutlookCrm.Core.Configuration;

/// <summary>
/// Fail-fast checks of the keys that the API and the sync worker share. Runs before the host is
/// built so that a typo stops start-up with one line naming the key, not a stack trace later.
/// </summary>
public static class CoreConfigurationCheck
{
    public static List<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        var provider = configuration[ConfigurationKeys.StoreProvider];
        if (provider is not null && !provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase)
            && !provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{Env(ConfigurationKeys.StoreProvider)} must be 'sqlite' or 'postgres' (was '{provider}').");
        }

        if (provider is not null && provider.Equals("postgres", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(configuration[ConfigurationKeys.StoreConnectionString]))
        {
            problems.Add($"{Env(ConfigurationKeys.StoreConnectionString)} is required when {Env(ConfigurationKeys.StoreProvider)}=postgres.");
        }

        var interval = configuration[ConfigurationKeys.SyncInterval];
        if (interval is not null && (!TimeSpan.TryParse(interval, System.Globalization.CultureInfo.InvariantCulture, out var span) || span <= TimeSpan.Zero))
        {
            problems.Add($"{Env(ConfigurationKeys.SyncInterval)} must be a positive time span such as 00:10:00 (was '{interval}').");
        }

        var notificationUrl = configuration[ConfigurationKeys.SyncNotificationUrl];
        if (!string.IsNullOrEmpty(notificationUrl)
            && (!Uri.TryCreate(notificationUrl, UriKind.Absolute, out var notify) || notify.Scheme != Uri.UriSchemeHttps || notify.Query.Length > 0))
        {
            // Graph only posts to HTTPS URLs.
            problems.Add($"{Env(ConfigurationKeys.SyncNotificationUrl)} must be the API's public HTTPS base URL, e.g. https://crm-sync.contoso.com (was '{notificationUrl}').");
        }

        var lifetime = configuration[ConfigurationKeys.SyncSubscriptionLifetime];
        if (lifetime is not null && (!TimeSpan.TryParse(lifetime, System.Globalization.CultureInfo.InvariantCulture, out var life)
            || life <= TimeSpan.FromMinutes(10) || life > TimeSpan.FromMinutes(10_080)))
        {
            problems.Add($"{Env(ConfigurationKeys.SyncSubscriptionLifetime)} must be a time span between 00:10:00 and 7.00:00:00, Graph's limit for Outlook resources (was '{lifetime}').");
        }

        var runInApi = configuration[ConfigurationKeys.SyncRunInApi];
        if (runInApi is not null && !bool.TryParse(runInApi, out _))
        {
            problems.Add($"{Env(ConfigurationKeys.SyncRunInApi)} must be true or false (was '{runInApi}').");
        }

        var caFile = configuration[ConfigurationKeys.HttpTrustedCaFile];
        if (!string.IsNullOrEmpty(caFile) && !File.Exists(caFile))
        {
            problems.Add($"{Env(ConfigurationKeys.HttpTrustedCaFile)} names a file that does not exist: '{caFile}'.");
        }

        return problems;
    }

    public static void ThrowIfInvalid(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0)
        {
            throw new StartupConfigurationException("Invalid configuration: " + string.Join(" ", list));
        }
    }

    private static string Env(string key) => ConfigurationKeys.EnvironmentName(key);
}
