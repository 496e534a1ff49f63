using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Addin;

public static class AddinServiceCollectionExtensions
{
    /// <summary>What the add-in endpoints need: the connectors from the stored connections, the CRM user resolver, the lookup cache, the meeting links.</summary>
    public static IServiceCollection AddAddinServices(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSyncServices();
        services.AddSingleton<CrmUserResolver>();
        services.AddSingleton<LookupCache>();
        services.AddSingleton<AddinItemIds>();
        services.AddSingleton<MeetingLinks>();
        return services;
    }
}
