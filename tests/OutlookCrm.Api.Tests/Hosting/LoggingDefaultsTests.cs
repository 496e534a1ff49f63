using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Api.Tests.Support;

namespace OutlookCrm.Api.Tests.Hosting;

/// <summary>ASP.NET Core's per-request Information lines are off by default (they cost CPU on every lookup) and come back when configured.</summary>
public sealed class LoggingDefaultsTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("Information", true)]
    public async Task Per_request_lines_are_written_only_when_configured(string? level, bool written)
    {
        var logs = new CapturedLogs();
        var overrides = level is null ? null : new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = level };
        await using var host = await ApiHost.StartAsync(overrides: overrides, services: s => s.AddSingleton<ILoggerProvider>(logs));

        using var response = await host.Client().GetAsync("/healthz");

        response.EnsureSuccessStatusCode();
        Assert.Equal(written, logs.Lines.Any(l => l.StartsWith("Information Microsoft.AspNetCore.Hosting.Diagnostics: Request starting", StringComparison.Ordinal)));
    }
}
