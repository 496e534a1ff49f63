using System.Net;
using OutlookCrm.Core.Connectors.Salesforce.Crm;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class ConnectionTestTests
{
    [Fact]
    public async Task A_healthy_org_passes_every_step_and_reports_daily_api_requests()
    {
        var host = Healthy(contactHasExternalId: true);

        var result = await host.Connector.TestAsync(CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(["authenticate", "query", "externalIds", "limits"], result.Steps.Select(s => s.Name));
        Assert.Equal(new ApiLimit(15000, 14998), result.Details["dailyApiRequests"]);
        Assert.Equal(1, host.CallsOf("sf.limits"));
    }

    [Fact]
    public async Task A_missing_external_id_field_fails_its_step_with_a_hint_but_limits_are_still_read()
    {
        var host = Healthy(contactHasExternalId: false);

        var result = await host.Connector.TestAsync(CancellationToken.None);

        Assert.False(result.Ok);
        var step = result.Steps.Single(s => s.Name == "externalIds");
        Assert.Equal("MISSING_EXTERNAL_ID_FIELD", step.Code);
        Assert.Contains("Contact", step.Message);
        Assert.DoesNotContain("Event", step.Message);
        Assert.Contains("OutlookCrm_ExchangeId__c", step.Hint);
        Assert.True(result.Steps.Single(s => s.Name == "limits").Ok);
    }

    [Fact]
    public async Task A_failed_authentication_carries_the_oauth_code_and_skips_later_steps()
    {
        var host = Healthy(contactHasExternalId: true);
        host.Fake.On(HttpMethod.Post, "/services/oauth2/token", Reply.File("oauth-invalid-client.json", HttpStatusCode.BadRequest));

        var result = await host.Connector.TestAsync(CancellationToken.None);

        Assert.False(result.Ok);
        var auth = result.Steps[0];
        Assert.Equal(("invalid_client", false), (auth.Code, auth.Ok));
        Assert.NotNull(auth.Hint);
        Assert.All(result.Steps.Skip(1), s => Assert.Equal((false, null), (s.Ok, s.Code)));
        Assert.Equal(0, host.CallsOf("sf.query") + host.CallsOf("sf.describe") + host.CallsOf("sf.limits"));
    }

    private static SalesforceTestHost Healthy(bool contactHasExternalId)
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-user.json"));
        host.DescribeContact(contactHasExternalId);
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/sobjects/Event/describe", Reply.File("describe-event-with-external-id.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/limits", Reply.File("limits.json"));
        return host;
    }
}
