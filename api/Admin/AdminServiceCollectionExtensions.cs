using Microsoft.Extensions.DependencyInjection.Extensions;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.Crm;
using OutlookCrm.Api.Admin.SyncConfigurations;
using OutlookCrm.Api.Admin.SyncStatus;

namespace OutlookCrm.Api.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>What the admin endpoints need besides the store: the CRM ports on the Salesforce connector, the Exchange connector factory.</summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<AdminAudit>();
        services.AddSingleton<StoredConnections>();
        services.TryAddSingleton<IMailboxConnectorFactory, MailboxConnectorFactory>();
        services.AddSalesforceConnector();
        services.TryAddSingleton<SalesforceCrmPorts>();
        services.TryAddSingleton<ICrmConnectionTester>(sp => sp.GetRequiredService<SalesforceCrmPorts>());
        services.TryAddSingleton<ICrmFieldCatalog>(sp => sp.GetRequiredService<SalesforceCrmPorts>());
        services.AddSingleton<FieldMappingChecker>();
        services.AddSingleton<SyncStatusBuilder>();
        return services;
    }
}
