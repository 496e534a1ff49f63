using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Core.Connectors.Salesforce.Auth;
using OutlookCrm.Core.Connectors.Salesforce.Changes;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Connectors.Salesforce.Write;

namespace OutlookCrm.Core.Connectors.Salesforce;

/// <summary>The REST resources of one org, all over one transport (so one token and one error mapping).</summary>
internal sealed class SalesforceApi
{
    public SalesforceApi(
        HttpClient http, SalesforceConnectionSettings settings, TimeProvider clock, SalesforceRetryOptions? retry = null, ILoggerFactory? logs = null)
    {
        Settings = settings;
        Clock = clock;
        Logs = logs ?? NullLoggerFactory.Instance;
        Retry = retry ?? new SalesforceRetryOptions();
        Tokens = new SalesforceTokenProvider(http, settings, clock, Logs.CreateLogger<SalesforceTokenProvider>());
        Transport = new SalesforceTransport(http, Tokens, settings, clock, Retry, Logs.CreateLogger<SalesforceTransport>());
        Query = new SalesforceQueryClient(Transport);
        Collections = new SObjectCollectionsClient(Transport);
        SObjects = new SObjectClient(Transport);
        Composite = new CompositeClient(Transport);
        Changes = new SalesforceChangeFeed(Transport);
        Schema = new SalesforceSchema(Transport);
    }

    public SalesforceConnectionSettings Settings { get; }
    public TimeProvider Clock { get; }
    public ILoggerFactory Logs { get; }
    public SalesforceRetryOptions Retry { get; }
    public SalesforceTokenProvider Tokens { get; }
    public SalesforceTransport Transport { get; }
    public SalesforceQueryClient Query { get; }
    public SObjectCollectionsClient Collections { get; }
    public SObjectClient SObjects { get; }
    public CompositeClient Composite { get; }
    public SalesforceChangeFeed Changes { get; }
    public SalesforceSchema Schema { get; }
}
