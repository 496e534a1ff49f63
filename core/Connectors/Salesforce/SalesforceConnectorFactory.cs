using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Core.Connectors.Salesforce;

/// <summary>Builds a connector on the shared outbound HttpClient (resilience, call counting, trusted CAs).</summary>
public sealed class SalesforceConnectorFactory(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory logs)
{
    public SalesforceCrmConnector Create(SalesforceConnectionSettings settings) =>
        new(httpClients.CreateClient(OutboundHttpServiceCollectionExtensions.ClientName), settings, clock, logs: logs);
}
