using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Configuration;
using OutlookCrm.Core.Secrets;

namespace OutlookCrm.Core.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>The store, its migrator and repositories, and the Data Protection keys for secrets.</summary>
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section));
        services.AddSingleton(sp => new StoreDatabase(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddSingleton<Migrator>();
        services.AddSingleton<ConnectionRepository>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<EventLinkRepository>();
        services.AddSingleton<GraphSubscriptionRepository>();
        services.AddSingleton<Sync.State.ISyncStateStore, Sync.State.SqlSyncStateStore>();
        services.AddSingleton<SyncConfigurationRepository>().AddSingleton<SyncRunRepository>().AddSingleton<SyncStatusQueries>().AddSingleton<SyncActivityQueries>();
        services.TryAddSingleton(TimeProvider.System);

        var keys = configuration[ConfigurationKeys.DataProtectionKeysDirectory] ?? "./data/keys";
        services.AddDataProtection()
            .SetApplicationName("OutlookCrm")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton<SecretProtector>();
        return services;
    }
}
