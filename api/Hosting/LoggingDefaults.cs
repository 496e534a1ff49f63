using Microsoft.Extensions.Configuration.Memory;

namespace OutlookCrm.Api.Hosting;

/// <summary>
/// ASP.NET Core's per-request lines and HttpClient's per-outbound-call lines are Warning and up unless
/// configured otherwise (the ASP.NET Core templates' default, which this API ships no appsettings.json
/// for). At Information they were about ten console lines per add-in lookup: ~15 % of the CPU of a
/// cached lookup (<c>bench -- lookup</c>), and they drown the lines that matter.
/// <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c> brings them back.
/// </summary>
public static class LoggingDefaults
{
    private static readonly string[] PerRequestCategories = ["Microsoft.AspNetCore", "System.Net.Http.HttpClient"];

    public static WebApplicationBuilder UseQuietPerRequestLogging(this WebApplicationBuilder builder)
    {
        // First source: the lowest precedence, so any setting from the environment or command line wins.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = PerRequestCategories.Select(c => KeyValuePair.Create($"Logging:LogLevel:{c}", (string?)"Warning")),
        });
        return builder;
    }
}
