using OutlookCrm.Api.Addin;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Endpoints;
using OutlookCrm.Api.Endpoints.Addin;
using OutlookCrm.Api.Endpoints.Admin;
using OutlookCrm.Api.Endpoints.Notifications;
using OutlookCrm.Api.Problems;
using OutlookCrm.Api.Sandbox;
using OutlookCrm.Core.Configuration;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Hosting;

/// <summary>
/// The API as <c>Program</c> runs it: configuration (command line, environment), services, the store
/// migrated, middleware and every endpoint. One place, so that a host which starts the API inside its
/// own process (the benchmarks, <c>bench/</c>) runs exactly what a deployment runs.
/// </summary>
public static class ApiApplication
{
    /// <summary>Builds the application from <paramref name="args"/> (<c>--Key=value</c> settings, <c>--urls</c>, <c>--sandbox</c>); not started yet.</summary>
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(SandboxHosting.WithoutSandboxFlag(args)).UseQuietPerRequestLogging();
        builder.AddSandboxIfRequested(args);
        ApiConfigurationCheck.ThrowIfInvalid(builder.Configuration);

        builder.Services
            .AddProblems()
            .AddValidatorsFrom<Program>()
            .AddStore(builder.Configuration)
            .AddOutboundHttp(builder.Configuration)
            .AddApiAuth(builder.Configuration)
            .AddAddinServices()
            .AddAdminApi()
            .AddApiDocumentation()
            .AddSyncOptions(builder.Configuration)
            .AddGraphNotifications();
        if (builder.Configuration.GetValue(ConfigurationKeys.SyncRunInApi, true))
        {
            builder.Services.AddSyncLoop(builder.Configuration);
        }

        var app = builder.Build();
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(app.Lifetime.ApplicationStopping);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapAddinPane();
        app.MapAdminPage();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseSwagger();
        app.UseSwaggerUI();

        app.MapHealth();
        app.MapAddinApi();
        app.MapAdminApi();
        app.MapGraphNotifications();
        app.MapSandboxIfEnabled();
        return app;
    }
}
