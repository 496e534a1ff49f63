using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OutlookCrm.Core.Connectors.Salesforce;

public static class SalesforceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SalesforceConnectorFactory"/>. Needs <c>AddOutboundHttp</c>. Keep the
    /// connector it creates for as long as the stored connection is unchanged: it caches the token.
    /// </summary>
    public static IServiceCollection AddSalesforceConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SalesforceConnectorFactory>();
        return services;
    }
}
