using System.Net;
using OutlookCrm.Core.Connectors.Salesforce.Changes;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class ChangeTrackingTests
{
    private const string Sobjects = $"{FakeSalesforce.Data}/sobjects/Contact";
    private const string Owner = "OwnerId = '005RO000001SwiUYAS'";

    [Fact]
    public async Task Changes_are_the_owners_records_stamped_in_or_after_the_newest_second_seen_with_their_fields_and_deletes_come_from_the_deleted_feed()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-contacts-bodies.json"));

        var page = Assert.Single(await Read(host, "since|2026-11-21T06:40:00Z|2026-11-21T06:29:00Z|2026-11-21T04:45:30Z"));

        Assert.False(page.IsFullScan);
        Assert.True(page.IsLast);
        Assert.Equal(["003RO0000000009AAA"], page.Deleted);
        var bob = Assert.Single(page.Changed);
        Assert.Equal(("003RO0000000001AAA", "2026-11-21T06:30:00.000+0000"), (bob.Id, bob.Version));
        Assert.Equal(("O'Brien", "Fabrikam", "AAMkAGI2TG93AAA="), (bob.Body!.Surname, bob.Body.CompanyName, bob.Body.PartnerId));
        Assert.Equal("San Francisco", bob.Body.BusinessAddress!.City);
        Assert.False(bob.BySync); // last changed by someone else: compared by content

        // Newest stamp 06:30, long over at this read (06:45:30): the next read starts at 06:45:28 (two seconds of
        // clock skew allowed) with nothing to leave out; the unsettled read (06:40) is under ten minutes old; deletes covered until 06:40.
        Assert.Equal("since|2026-11-21T06:40:00Z|2026-11-21T06:45:28Z|2026-11-21T06:40:00Z|", page.Cursor);
        var query = Assert.Single(host.Fake.Calls("sf.query")).Q!;
        Assert.StartsWith("SELECT Id, SystemModstamp, OwnerId, FirstName, LastName", query);
        Assert.EndsWith($"LastModifiedById FROM Contact WHERE {Owner} AND SystemModstamp >= 2026-11-21T06:29:00Z", query);
        Assert.Contains("start=2026-11-21T04%3A45%3A30%2B00%3A00&end=2026-11-21T06%3A45%3A30%2B00%3A00", Assert.Single(host.Fake.Calls("sf.deleted")).Uri.AbsoluteUri);
        Assert.Equal(0, host.CallsOf("sf.updated"));
    }

    [Fact]
    public async Task Ten_minutes_after_a_read_the_records_other_users_stamped_before_it_are_read_once_more()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-empty.json"));

        var page = Assert.Single(await Read(host, "since|2026-11-21T06:33:00Z|2026-11-21T06:34:10Z|2026-11-21T06:33:00Z"));

        // A transaction open at 06:33 saved its records at 06:23 or later and has ended by now (06:45:30).
        Assert.EndsWith($"WHERE {Owner} AND (SystemModstamp >= 2026-11-21T06:34:10Z"
            + " OR (SystemModstamp >= 2026-11-21T06:23:00Z AND LastModifiedById != '005RO000001SwiUYAS'))", Assert.Single(host.Fake.Calls("sf.query")).Q);
        Assert.Equal("since|2026-11-21T06:45:30Z|2026-11-21T06:45:28Z|2026-11-21T06:40:00Z|", page.Cursor);
    }

    [Fact]
    public async Task The_syncs_own_writes_read_back_are_marked_so_the_engine_takes_their_versions()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query",
            Reply.Json(Reply.Fixture("query-contacts-bodies.json")
                .Replace("\"OwnerId\": \"005RO000001SwiUYAS\",", "\"OwnerId\": \"005RO000001SwiUYAS\", \"LastModifiedById\": \"005RO000001SwiUYAS\",", StringComparison.Ordinal)));

        var page = Assert.Single(await Read(host, "since|2026-11-21T06:40:00Z|2026-11-21T06:29:00Z|2026-11-21T06:40:00Z"));

        Assert.True(Assert.Single(page.Changed).BySync); // the token's user (its identity URL) changed it last
    }

    [Fact]
    public async Task A_cursor_older_than_the_deleted_window_becomes_a_flagged_full_scan_over_three_pages_with_fields()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", r => r.Q is not null, Reply.File("query-contacts-page1.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query/01gRO0000016PIAYA2-2000", Reply.File("query-contacts-page2.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query/01gRO0000016PIAYA2-4000", Reply.File("query-contacts-page3.json"));

        var pages = await Read(host, "2026-11-01T00:00:00Z");

        Assert.Equal(0, host.CallsOf("sf.deleted"));
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.True(p.IsFullScan));
        Assert.All(pages, p => Assert.Contains("older than the 15-day window", p.FullScanReason));
        Assert.Equal([false, false, true], pages.Select(p => p.IsLast));
        Assert.Equal("fullscan|2026-11-21T06:45:30Z|003RO0000000002AAA", pages[0].Cursor);
        Assert.Equal("since|2026-11-21T06:45:30Z|2026-11-21T06:45:30Z|2026-11-21T06:45:30Z|", pages[2].Cursor);
        Assert.Equal(9, pages.Sum(p => p.Changed.Count));
        Assert.All(pages.SelectMany(p => p.Changed), c => Assert.NotNull(c.Body)); // no second read of the bodies
        Assert.Equal(3, host.CallsOf("sf.query"));
        Assert.EndsWith($"FROM Contact WHERE {Owner} ORDER BY Id", host.Fake.Calls("sf.query").First().Q);
    }

    [Fact]
    public async Task No_cursor_is_a_full_scan_without_a_reason()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-empty.json"));

        var page = Assert.Single(await Read(host, null));

        Assert.True(page.IsFullScan && page.IsLast);
        Assert.Null(page.FullScanReason);
        Assert.Equal("since|2026-11-21T06:45:30Z|2026-11-21T06:45:30Z|2026-11-21T06:45:30Z|", page.Cursor);
    }

    [Fact]
    public async Task An_interrupted_full_scan_resumes_after_the_last_id_and_ends_at_its_original_start()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-contacts-page3.json"));

        var page = Assert.Single(await Read(host, "fullscan|2026-11-20T23:00:00Z|003RO0000000005AAA"));

        Assert.EndsWith("AND Id > '003RO0000000005AAA' ORDER BY Id", Assert.Single(host.Fake.Calls("sf.query")).Q);
        Assert.Equal("since|2026-11-20T23:00:00Z|2026-11-20T23:00:00Z|2026-11-20T23:00:00Z|", page.Cursor);
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
    public async Task Many_changes_come_in_pages_of_2000_and_only_the_last_page_moves_the_cursor_and_carries_the_deletes()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", r => r.Q is not null, Reply.File("query-contacts-page1.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query/01gRO0000016PIAYA2-2000", Reply.File("query-contacts-page2.json"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query/01gRO0000016PIAYA2-4000", Reply.File("query-contacts-page3.json"));

        var pages = await Read(host, "2026-11-10T00:00:00Z");

        Assert.Equal(3, host.CallsOf("sf.query"));
        Assert.Equal(["2026-11-10T00:00:00Z", "2026-11-10T00:00:00Z"], pages[..2].Select(p => p.Cursor));
        Assert.Equal("since|2026-11-21T06:45:30Z|2026-11-21T06:45:28Z|2026-11-21T06:40:00Z|", pages[2].Cursor); // the newest of the nine stamps is long over
        Assert.Equal([false, false, true], pages.Select(p => p.IsLast));
        Assert.Equal([0, 0, 1], pages.Select(p => p.Deleted.Count));
    }

    [Fact]
    public async Task A_deleted_window_under_a_minute_is_not_asked_for_and_stays_in_the_cursor()
    {
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-empty.json"));

        var page = Assert.Single(await Read(host, "since|2026-11-21T06:45:00Z|2026-11-21T06:45:00Z|2026-11-21T06:45:00Z"));

        Assert.Equal(("since|2026-11-21T06:45:00Z|2026-11-21T06:45:28Z|2026-11-21T06:45:00Z|", false, true), (page.Cursor, page.IsFullScan, page.IsLast));
        Assert.Equal(0, host.CallsOf("sf.deleted"));
        Assert.Equal(1, host.CallsOf("sf.query")); // changes still come: SOQL has no minimum window
    }

    [Fact]
    public async Task A_record_read_in_the_newest_second_is_not_reported_again_unless_it_changed_within_that_second()
    {
        // The record was saved in the second of the read (06:45:30), which may still get records after it.
        var host = Host();
        var current = Reply.Fixture("query-contacts-bodies.json").Replace("2026-11-21T06:30:00.000+0000", "2026-11-21T06:45:30.000+0000", StringComparison.Ordinal);
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.Json(current));
        var first = Assert.Single(await Read(host, "since|2026-11-21T06:40:00Z|2026-11-21T06:29:00Z|2026-11-21T04:45:30Z"));
        Assert.Equal("since|2026-11-21T06:40:00Z|2026-11-21T06:45:30Z|2026-11-21T06:40:00Z|003RO0000000001AAA:"
            + SalesforceCursor.Fingerprint("2026-11-21T06:45:30.000+0000", null), first.Cursor);

        // The same record, as it was, asked for again from its second: nothing to report, the second stays.
        var again = Assert.Single(await Read(host, first.Cursor));
        Assert.Empty(again.Changed);
        Assert.Equal(first.Cursor, again.Cursor);
        Assert.EndsWith("SystemModstamp >= 2026-11-21T06:45:30Z", host.Fake.Calls("sf.query").Last().Q);

        // Someone else saves it again in that same second (same stamp to the second): it is a change.
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query",
            Reply.Json(current.Replace("\"OwnerId\": \"005RO000001SwiUYAS\",", "\"OwnerId\": \"005RO000001SwiUYAS\", \"LastModifiedById\": \"005RO000000OtherAAA\",", StringComparison.Ordinal)));
        var edited = Assert.Single(await Read(host, first.Cursor));
        Assert.Equal("003RO0000000001AAA", Assert.Single(edited.Changed).Id);
        Assert.NotEqual(first.Cursor, edited.Cursor);
    }

    [Fact]
    public async Task A_newest_second_that_was_over_at_the_read_is_not_read_again()
    {
        // 06:30 is long over at 06:45:30: once read, the next read starts at this read's second (less the skew allowance).
        var host = Host();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-contacts-bodies.json"));
        var first = Assert.Single(await Read(host, "since|2026-11-21T06:40:00Z|2026-11-21T06:29:00Z|2026-11-21T04:45:30Z"));

        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("query-empty.json"));
        var next = Assert.Single(await Read(host, first.Cursor));

        Assert.Empty(next.Changed);
        Assert.EndsWith("SystemModstamp >= 2026-11-21T06:45:28Z", host.Fake.Calls("sf.query").Last().Q);
    }

    [Theory]
    [InlineData("since|2026-11-21T06:40:00Z|2026-11-21T06:30:00Z|2026-11-21T06:40:00Z|003RO0000000001AAA")]
    [InlineData("since|2026-11-21T06:40:00Z|2026-11-21T06:30:00Z|2026-11-21T06:40:00Z|:abc")]
    [InlineData("since|2026-11-21T06:40:00Z|2026-11-21T06:30:00Z")]
    public void A_damaged_cursor_does_not_parse(string text) => Assert.False(SalesforceCursor.TryParse(text, out _));

    [Fact]
    public void A_cursor_of_earlier_versions_parses_with_nothing_read_at_its_second()
    {
        Assert.True(SalesforceCursor.TryParse("since|2026-11-21T06:40:00Z|2026-11-21T06:30:00Z|2026-11-21T06:40:00Z", out var cursor));
        Assert.Empty(cursor!.ReadAtSeen);
        Assert.Equal("since|2026-11-21T06:40:00Z|2026-11-21T06:30:00Z|2026-11-21T06:40:00Z|", cursor.ToString());
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

        // Single events page by Id with their fields; a series' occurrences are listed after, to fold into one item per series.
        var window = "(OwnerId = '005RO000001SwiUYAS' AND IsChild = false AND EndDateTime >= 2026-10-22T06:45:30Z AND StartDateTime <= 2027-02-19T06:45:30Z)";
        var queries = host.Fake.Calls("sf.query").Select(c => c.Q).ToList();
        Assert.Equal(2, queries.Count);
        Assert.EndsWith($"FROM Event WHERE {window} AND IsRecurrence2 = false ORDER BY Id", queries[0]);
        Assert.Contains("LastModifiedById", queries[0]);
        Assert.Equal($"SELECT Id, Recurrence2PatternStartDate FROM Event WHERE {window} AND IsRecurrence2 = true", queries[1]);
    }

    private static SalesforceTestHost Host()
    {
        var host = new SalesforceTestHost();
        host.DescribeContact(withExternalId: true);
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
