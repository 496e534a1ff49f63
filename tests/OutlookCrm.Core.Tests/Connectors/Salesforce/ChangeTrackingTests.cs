using System.Net;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class ChangeTrackingTests
{
    private const string Sobjects = $"{FakeSalesforce.Data}/sobjects/Contact";

    [Fact]
    public async Task Changes_come_from_updated_and_deleted_in_a_window_ending_at_latestDateCovered()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-contacts-bodies.json"));

        var pages = await Read(host, "2026-11-21T04:45:30Z");

        var page = Assert.Single(pages);
        Assert.False(page.IsFullScan);
        Assert.True(page.IsLast);
        Assert.Equal("2026-11-21T06:40:00Z", page.Cursor);
        Assert.Equal(["003RO0000000009AAA"], page.Deleted);
        var bob = Assert.Single(page.Changed);
        Assert.Equal(("003RO0000000001AAA", "2026-11-21T06:30:00.000+0000"), (bob.Id, bob.Version));
        Assert.Equal(("O'Brien", "Fabrikam", "AAMkAGI2TG93AAA="), (bob.Body!.Surname, bob.Body.CompanyName, bob.Body.PartnerId));
        Assert.Equal("San Francisco", bob.Body.BusinessAddress!.City);

        var updated = Assert.Single(host.Fake.Calls("sf.updated"));
        Assert.Contains("start=2026-11-21T04%3A45%3A30%2B00%3A00&end=2026-11-21T06%3A45%3A30%2B00%3A00", updated.Uri.AbsoluteUri);
        Assert.Equal(updated.Uri.Query, Assert.Single(host.Fake.Calls("sf.deleted")).Uri.Query);
        var bodies = Assert.Single(host.Fake.Calls("sf.query")).Q!;
        Assert.Contains("WHERE Id IN ('003RO0000000001AAA', '003RO0000000002AAA') AND OwnerId = '005RO000001SwiUYAS'", bodies);
    }

    [Fact]
    public async Task A_cursor_older_than_the_deleted_window_becomes_a_flagged_full_scan_over_three_pages()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", r => r.Q is not null, Reply.File("query-contacts-page1.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query/01gRO0000016PIAYA2-2000", Reply.File("query-contacts-page2.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query/01gRO0000016PIAYA2-4000", Reply.File("query-contacts-page3.json"));

        var pages = await Read(host, "2026-11-01T00:00:00Z");

        Assert.Equal(0, host.CallsOf("sf.updated") + host.CallsOf("sf.deleted"));
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.True(p.IsFullScan));
        Assert.All(pages, p => Assert.Contains("older than the 15-day window", p.FullScanReason));
        Assert.Equal([false, false, true], pages.Select(p => p.IsLast));
        Assert.Equal("fullscan|2026-11-21T06:45:30Z|003RO0000000002AAA", pages[0].Cursor);
        Assert.Equal("2026-11-21T06:45:30Z", pages[2].Cursor);
        Assert.Equal(9, pages.Sum(p => p.Changed.Count));
        Assert.All(pages.SelectMany(p => p.Changed), c => Assert.Null(c.Body));
        Assert.Equal("SELECT Id, SystemModstamp FROM Contact WHERE OwnerId = '005RO000001SwiUYAS' ORDER BY Id", host.Fake.Calls("sf.query").First().Q);
    }

    [Fact]
    public async Task No_cursor_is_a_full_scan_without_a_reason()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-empty.json"));

        var page = Assert.Single(await Read(host, null));

        Assert.True(page.IsFullScan && page.IsLast);
        Assert.Null(page.FullScanReason);
        Assert.Equal("2026-11-21T06:45:30Z", page.Cursor);
    }

    [Fact]
    public async Task An_interrupted_full_scan_resumes_after_the_last_id_and_ends_at_its_original_start()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-contacts-page3.json"));

        var page = Assert.Single(await Read(host, "fullscan|2026-11-20T23:00:00Z|003RO0000000005AAA"));

        Assert.Contains("AND Id > '003RO0000000005AAA' ORDER BY Id", Assert.Single(host.Fake.Calls("sf.query")).Q);
        Assert.Equal("2026-11-20T23:00:00Z", page.Cursor);
        Assert.True(page.IsFullScan);
    }

    [Fact]
    public async Task Invalid_replication_date_from_salesforce_falls_back_to_a_full_scan()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{Sobjects}/deleted/", Reply.Error("INVALID_REPLICATION_DATE", HttpStatusCode.BadRequest));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-empty.json"));

        var page = Assert.Single(await Read(host, "2026-11-10T00:00:00Z"));

        Assert.True(page.IsFullScan);
        Assert.Contains("INVALID_REPLICATION_DATE", page.FullScanReason);
    }

    [Fact]
    public async Task Many_updated_ids_are_read_in_pages_of_200_and_only_the_last_page_moves_the_cursor_to_the_earlier_latestDateCovered()
    {
        var host = Host();
        var ids = string.Join(",", Enumerable.Range(0, 450).Select(i => $"\"003RO{i:D10}AAA\""));
        host.Fake.On(HttpMethod.Get, $"{Sobjects}/updated/", Reply.Json($"{{\"ids\":[{ids}],\"latestDateCovered\":\"2026-11-21T06:45:00.000+0000\"}}"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-contacts-bodies.json"));

        var pages = await Read(host, "2026-11-21T04:45:30Z");

        Assert.Equal(3, host.CallsOf("sf.query"));
        Assert.Equal(["2026-11-21T04:45:30Z", "2026-11-21T04:45:30Z", "2026-11-21T06:40:00Z"], pages.Select(p => p.Cursor));
        Assert.Equal([false, false, true], pages.Select(p => p.IsLast));
        Assert.Equal([0, 0, 1], pages.Select(p => p.Deleted.Count));
    }

    [Fact]
    public async Task A_window_under_a_minute_asks_nothing_and_keeps_the_cursor()
    {
        var host = Host();

        var page = Assert.Single(await Read(host, "2026-11-21T06:45:00Z"));

        Assert.Equal(("2026-11-21T06:45:00Z", false, true), (page.Cursor, page.IsFullScan, page.IsLast));
        Assert.Equal(0, host.Counter.Total - host.CallsOf("sf.token") - host.CallsOf("sf.describe"));
    }

    [Fact]
    public async Task Events_of_the_owner_are_read_inside_the_sync_window()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/sobjects/Event/describe", Reply.File("describe-event-with-external-id.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-empty.json"));

        await foreach (var _ in host.Connector.Events.ReadChangesAsync(SalesforceTestHost.Scope, null, CancellationToken.None))
        {
        }

        // Single events page by Id; a series' occurrences are listed after, to fold into one item per series.
        var window = "(OwnerId = '005RO000001SwiUYAS' AND IsChild = false AND EndDateTime >= 2026-10-22T06:45:30Z AND StartDateTime <= 2027-02-19T06:45:30Z)";
        Assert.Equal(
            [
                $"SELECT Id, SystemModstamp FROM Event WHERE {window} AND IsRecurrence2 = false ORDER BY Id",
                $"SELECT Id, Recurrence2PatternStartDate FROM Event WHERE {window} AND IsRecurrence2 = true",
            ],
            host.Fake.Calls("sf.query").Select(c => c.Q));
    }

    private static SalesforceTestHost Host()
    {
        var host = new SalesforceTestHost();
        host.DescribeContact(withExternalId: true);
        host.Fake.On(HttpMethod.Get, $"{Sobjects}/updated/", Reply.File("updated-contacts.json"));
        host.Fake.On(HttpMethod.Get, $"{Sobjects}/deleted/", Reply.File("deleted-contacts.json"));
        return host;
    }

    private static async Task<List<ChangePage<Contact>>> Read(SalesforceTestHost host, string? cursor)
    {
        var pages = new List<ChangePage<Contact>>();
        await foreach (var page in host.Connector.Contacts.ReadChangesAsync(SalesforceTestHost.Scope, cursor, CancellationToken.None))
        {
            pages.Add(page);
        }

        return pages;
    }
}
