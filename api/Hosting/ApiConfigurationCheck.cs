using OutlookCrm.Core.Configuration;

namespace OutlookCrm.Api.Hosting;

/// <summary>Start-up checks for the API's own keys on top of the shared ones; each problem names its key.</summary>
public static class ApiConfigurationCheck
{
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var problems = CoreConfigurationCheck.Problems(configuration);
        var authority = configuration[ConfigurationKeys.AuthAuthority];
        if (string.IsNullOrWhiteSpace(authority))
        {
            problems.Add($"{Env(ConfigurationKeys.AuthAuthority)} is required (the OIDC issuer of add-in and admin tokens).");
        }
        else if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            problems.Add($"{Env(ConfigurationKeys.AuthAuthority)} must be an absolute https:// URL (was '{authority}').");
        }

        if (string.IsNullOrWhiteSpace(configuration[ConfigurationKeys.AuthAudience]))
        {
            problems.Add($"{Env(ConfigurationKeys.AuthAudience)} is required (the API's app id URI or client id).");
        }

        CoreConfigurationCheck.ThrowIfInvalid(problems);
    }

    private static string Env(string key) => ConfigurationKeys.EnvironmentName(key);
}
