using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class PeopleAndReadTests
{
    [Fact]
    public async Task Read_by_ids_queries_in_chunks_of_200_and_skips_ids_that_are_not_salesforce_ids()
    {
        var host = new SalesforceTestHost();
        host.DescribeContact(withExternalId: false);
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-contacts-bodies.json"));
        var ids = Enumerable.Range(0, 450).Select(i => $"003RO{i:D10}AAA").Append("x' OR Id != '").ToList();

        var found = await host.Connector.Contacts.ReadAsync(SalesforceTestHost.Scope, ids, CancellationToken.None);

        var queries = host.Fake.Calls("sf.query").Select(c => c.Q!).ToList();
        Assert.Equal(3, queries.Count);
        Assert.Equal([200, 200, 50], queries.Select(q => q.Split("'003RO").Length - 1));
        Assert.DoesNotContain(queries, q => q.Contains("OR Id"));
        Assert.Equal(3, found.Count); // the fake answers the same row per chunk
        Assert.Equal("Bob", found[0].Body.GivenName);
    }

    [Fact]
    public async Task User_is_found_by_email_among_active_users()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-user.json"));

        var id = await host.Connector.FindUserIdByEmailAsync(" alice@contoso.com ", CancellationToken.None);

        Assert.Equal("005RO000001SwiUYAS", id);
        Assert.Equal("SELECT Id FROM User WHERE Email = 'alice@contoso.com' AND IsActive = true ORDER BY CreatedDate LIMIT 1",
            Assert.Single(host.Fake.Calls("sf.query")).Q);
    }

    [Fact]
    public async Task Unknown_user_is_null()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-empty.json"));

        Assert.Null(await host.Connector.FindUserIdByEmailAsync("nobody@contoso.com", CancellationToken.None));
    }

    [Fact]
    public async Task A_lead_without_company_gets_salesforces_placeholder_and_comes_back_with_its_url()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Post, $"{FakeSalesforce.Data}/sobjects/Lead",
            Reply.Json("{\"id\":\"00QRO0000000001AAA\",\"success\":true,\"errors\":[]}", HttpStatusCode.Created));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.Json(
            "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Lead\"},\"Id\":\"00QRO0000000001AAA\",\"Name\":\"Lena Ng\","
            + "\"Email\":\"lena@startup.io\",\"Title\":null,\"Phone\":null,\"Company\":\"[not provided]\"}]}"));

        var lead = await host.Connector.CreatePersonAsync(
            new NewCrmPerson("lena@startup.io", "Lena", "Ng", AsLead: true, OwnerId: "005RO000001SwiUYAS"), CancellationToken.None);

        var body = JsonNode.Parse(Assert.Single(host.Fake.Calls("sf.sobject.create")).Body!)!;
        Assert.Equal("[not provided]", body["Company"]!.GetValue<string>());
        Assert.Equal("005RO000001SwiUYAS", body["OwnerId"]!.GetValue<string>());
        Assert.Equal(("Lead", "Lena Ng"), (lead.Type, lead.Name));
        Assert.Equal("https://acme.my.salesforce.com/lightning/r/Lead/00QRO0000000001AAA/view", lead.Url);
    }

    [Fact]
    public async Task A_rejected_contact_create_surfaces_the_field_error()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Post, $"{FakeSalesforce.Data}/sobjects/Contact", Reply.Error("INVALID_EMAIL_ADDRESS", HttpStatusCode.BadRequest));

        var ex = await Assert.ThrowsAsync<OutlookCrm.Core.Connectors.Salesforce.SalesforceException>(() =>
            host.Connector.CreatePersonAsync(new NewCrmPerson("bob@@fabrikam", "Bob", "Lee"), CancellationToken.None));

        Assert.Equal(("INVALID_EMAIL_ADDRESS", "Email"), (ex.ErrorCode, Assert.Single(ex.Fields)));
        Assert.Equal(1, host.CallsOf("sf.sobject.create")); // a 400 is not retried
    }
}
