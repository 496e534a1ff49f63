using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Core.Notifications;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Core.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddSyncOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.Section));
        return services;
    }

    /// <summary>The continuous loop as a hosted service (the worker; the API when <c>Sync__RunInApi</c> is true).</summary>
    public static IServiceCollection AddSyncLoop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSyncOptions(configuration).AddSyncServices();
        services.AddSingleton<GraphSubscriptionRenewer>();
        services.AddSingleton<SyncLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncLoop>());
        return services;
    }
}
