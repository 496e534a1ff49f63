using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

/// <summary>A connector on the fake, with the product's call counter in the pipeline and a settable clock.</summary>
internal sealed class SalesforceTestHost
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 45, 30, TimeSpan.Zero);

    public static readonly SyncScope Scope = new("alice@contoso.com", "005RO000001SwiUYAS", Now.AddDays(-30), Now.AddDays(90));

    public SalesforceTestHost(SalesforceAuth? auth = null, HttpMessageHandler? outer = null)
    {
        Settings = new SalesforceConnectionSettings
        {
            LoginUrl = FakeSalesforce.LoginUrl,
            Auth = auth ?? new SalesforceClientCredentialsAuth { ClientId = "3MVG9client", ClientSecret = "s3cret" },
        };
        var counting = new CallCountingHandler(Counter) { InnerHandler = Fake };
        HttpMessageHandler pipeline = counting;
        if (outer is DelegatingHandler delegating)
        {
            delegating.InnerHandler = counting;
            pipeline = delegating;
        }

        Http = new HttpClient(pipeline);
        Retry = new SalesforceRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
        Connector = new SalesforceCrmConnector(Http, Settings, Clock, Retry);
    }

    public FakeSalesforce Fake { get; } = new();
    public RemoteCallCounter Counter { get; } = new();
    public ManualClock Clock { get; } = new(Now);
    public SalesforceConnectionSettings Settings { get; }
    public SalesforceRetryOptions Retry { get; }
    public HttpClient Http { get; }
    public SalesforceCrmConnector Connector { get; }

    /// <summary>The internal API over the same fake, for tests of one resource.</summary>
    public SalesforceApi Api() => new(Http, Settings, Clock, Retry);

    public long CallsOf(string operation) => Counter.ByOperation().GetValueOrDefault(operation);

    public FakeSalesforce DescribeContact(bool withExternalId) => Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/sobjects/Contact/describe",
        Reply.File(withExternalId ? "describe-contact-with-external-id.json" : "describe-contact-without-external-id.json"));
}

internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Current { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Current;
}
