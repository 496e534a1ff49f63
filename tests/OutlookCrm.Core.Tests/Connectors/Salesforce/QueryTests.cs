using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class QueryTests
{
    [Fact]
    public async Task Records_stream_across_three_pages_by_following_nextRecordsUrl()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", r => r.Q is not null, Reply.File("query-contacts-page1.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query/01gRO0000016PIAYA2-2000", Reply.File("query-contacts-page2.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query/01gRO0000016PIAYA2-4000", Reply.File("query-contacts-page3.json"));

        var ids = new List<string>();
        await foreach (var record in host.Api().Query.RecordsAsync<JsonElement>(
            SoqlQuery.Select("Id", "SystemModstamp").From("Contact"), CancellationToken.None))
        {
            ids.Add(record.Str("Id")!);
        }

        Assert.Equal(9, ids.Count);
        Assert.Equal(9, ids.Distinct().Count());
        var calls = host.Fake.Calls("sf.query").ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal("SELECT Id, SystemModstamp FROM Contact", calls[0].Q);
        Assert.EndsWith("/query/01gRO0000016PIAYA2-2000", calls[1].Uri.AbsolutePath);
        Assert.EndsWith("/query/01gRO0000016PIAYA2-4000", calls[2].Uri.AbsolutePath);
    }

    [Fact]
    public async Task Pages_are_fetched_lazily_so_a_consumer_can_stop_early()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-contacts-page1.json"));

        await foreach (var page in host.Api().Query.PagesAsync<JsonElement>(SoqlQuery.Select("Id").From("Contact"), false, CancellationToken.None))
        {
            Assert.Equal(3, page.Count);
            break;
        }

        Assert.Single(host.Fake.Calls("sf.query"));
    }

    [Fact]
    public async Task QueryAll_uses_its_own_resource_and_operation_name()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/queryAll", Reply.File("query-contacts-page3.json"));

        var pages = new List<IReadOnlyList<JsonElement>>();
        await foreach (var page in host.Api().Query.PagesAsync<JsonElement>(
            SoqlQuery.Select("Id").From("Contact").Where(SoqlCondition.Eq("IsDeleted", true)), includeDeleted: true, CancellationToken.None))
        {
            pages.Add(page);
        }

        var call = Assert.Single(host.Fake.Calls("sf.queryAll"));
        Assert.Equal("SELECT Id FROM Contact WHERE IsDeleted = true", call.Q);
        Assert.Equal(3, pages.Single().Count);
    }

    [Fact]
    public async Task Sosl_search_goes_to_search_with_the_statement_url_encoded()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/search",
            Reply.Json("{\"searchRecords\":[{\"attributes\":{\"type\":\"Contact\",\"url\":\"/services/data/v62.0/sobjects/Contact/003RO0000000001AAA\"},\"Id\":\"003RO0000000001AAA\"}]}"));
        var sosl = SoslEmailSearch.Build(["bob@fabrikam.com"], [("Contact", ["Id"])]);

        var rows = await host.Api().Query.SearchAsync(sosl, CancellationToken.None);

        Assert.Equal("003RO0000000001AAA", Assert.Single(rows).Str("Id"));
        Assert.Equal(sosl, Assert.Single(host.Fake.Calls("sf.search")).Q);
    }
}
