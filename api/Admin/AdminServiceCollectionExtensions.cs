using Microsoft.Extensions.DependencyInjection.Extensions;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.Crm;
using OutlookCrm.Api.Admin.SyncConfigurations;
using OutlookCrm.Api.Admin.SyncStatus;

namespace OutlookCrm.Api.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// What the admin endpoints need besides the store. The CRM ports default to a 503 stand-in:
    /// register the Salesforce connector's <see cref="ICrmConnectionTester"/> and <see cref="ICrmFieldCatalog"/> to replace it.
    /// </summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<AdminAudit>();
        services.AddSingleton<StoredConnections>();
        services.TryAddSingleton<IMailboxConnectorFactory, MailboxConnectorFactory>();
        services.TryAddSingleton<UnavailableCrmConnector>();
        services.TryAddSingleton<ICrmConnectionTester>(sp => sp.GetRequiredService<UnavailableCrmConnector>());
        services.TryAddSingleton<ICrmFieldCatalog>(sp => sp.GetRequiredService<UnavailableCrmConnector>());
        services.AddSingleton<FieldMappingChecker>();
        services.AddSingleton<SyncStatusBuilder>();
        return services;
    }
}
