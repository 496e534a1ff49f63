using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Scheduling;

namespace OutlookCrm.Core.Sync.Running;

public static class SyncServiceCollectionExtensions
{
    /// <summary>Connectors built from the stored connections, the mailbox runner and the recorded job. Needs <c>AddStore</c> and <c>AddOutboundHttp</c>.</summary>
    public static IServiceCollection AddSyncServices(this IServiceCollection services)
    {
        services.AddSalesforceConnector();
        services.TryAddSingleton<ExchangeConnectorBuilder>();
        services.TryAddSingleton<StoredConnectorSource>();
        services.TryAddSingleton<IConnectorSource>(sp => sp.GetRequiredService<StoredConnectorSource>());
        services.TryAddSingleton<MailboxSyncRunner>();
        services.TryAddSingleton<MailboxSyncJob>();
        services.TryAddSingleton<MailboxLeases>();
        return services;
    }
}
