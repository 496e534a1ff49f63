using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class LookupTests
{
    private const string Composite = $"{FakeSalesforce.Data}/composite";

    [Fact]
    public async Task A_hundred_emails_cost_one_composite_call_and_every_address_is_answered_in_order()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Post, Composite, Reply.File("composite-lookup.json"));
        var emails = new List<string> { "bob@fabrikam.com", "o'brien@example.com", "lena@startup.io" };
        emails.AddRange(Enumerable.Range(0, 97).Select(i => $"unknown{i}@example.com"));

        var matches = await host.Connector.LookupByEmailsAsync(emails, CancellationToken.None);

        Assert.Equal(1, host.Counter.Total - host.CallsOf("sf.token"));
        Assert.Equal(1, host.CallsOf("sf.composite"));
        Assert.Equal(emails, matches.Select(m => m.Email));

        var bob = Assert.Single(matches[0].Records);
        Assert.Equal(("Contact", "003RO0000000001AAA", "Fabrikam"), (bob.Type, bob.Id, bob.Account!.Name));
        Assert.Equal("https://acme.my.salesforce.com/lightning/r/Contact/003RO0000000001AAA/view", bob.Url);
        Assert.Equal("Fabrikam renewal", Assert.Single(matches[0].Opportunities).Name);

        var obrien = Assert.Single(matches[1].Records); // Salesforce matched case-insensitively; so do we
        Assert.Equal("Sean O'Brien", obrien.Name);
        var pilot = Assert.Single(matches[1].Opportunities);
        Assert.Equal(("006RO0000000002AAA", new DateOnly(2027, 1, 31)), (pilot.Id, pilot.CloseDate));

        var lena = Assert.Single(matches[2].Records);
        Assert.Equal(("Lead", "Startup IO"), (lena.Type, lena.Company));
        Assert.All(matches.Skip(3), m => Assert.Empty(m.Records));
    }

    [Fact]
    public async Task The_composite_request_holds_four_escaped_soql_reads()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Post, Composite, Reply.File("composite-lookup.json"));

        await host.Connector.LookupByEmailsAsync(["o'brien@example.com"], CancellationToken.None);

        var call = Assert.Single(host.Fake.Calls("sf.composite"));
        Assert.True(call.Idempotent);
        var subrequests = JsonNode.Parse(call.Body!)!["compositeRequest"]!.AsArray();
        Assert.Equal(["contacts", "leads", "accountOpportunities", "contactRoles"], subrequests.Select(s => s!["referenceId"]!.GetValue<string>()));
        var soql = subrequests.Select(s => Uri.UnescapeDataString(new Uri("https://x" + s!["url"]!.GetValue<string>()).Query[3..])).ToList();
        Assert.All(subrequests, s => Assert.Equal("GET", s!["method"]!.GetValue<string>()));
        Assert.Contains(@"Email IN ('o\'brien@example.com')", soql[0]);
        Assert.Contains("IsConverted = false", soql[1]);
        Assert.Contains("IsClosed = false AND AccountId IN (SELECT AccountId FROM Contact", soql[2]);
        Assert.Contains("FROM OpportunityContactRole WHERE Opportunity.IsClosed = false", soql[3]);
    }

    [Fact]
    public async Task A_failed_subrequest_surfaces_its_own_salesforce_error()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Post, Composite, Reply.File("composite-lookup-one-failed.json"));

        var ex = await Assert.ThrowsAsync<SalesforceException>(() => host.Connector.LookupByEmailsAsync(["bob@fabrikam.com"], CancellationToken.None));

        Assert.Equal(("INVALID_FIELD", HttpStatusCode.BadRequest), (ex.ErrorCode, ex.Status));
    }

    [Fact]
    public async Task More_than_a_hundred_addresses_are_refused_before_any_call()
    {
        var host = new SalesforceTestHost();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            host.Connector.LookupByEmailsAsync(Enumerable.Range(0, 101).Select(i => $"u{i}@x.com").ToList(), CancellationToken.None));

        Assert.Empty(host.Fake.Requests);
    }
}
