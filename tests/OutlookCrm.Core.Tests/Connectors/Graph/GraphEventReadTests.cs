using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using static OutlookCrm.Core.Tests.Connectors.Graph.GraphContactReadTests;
using static OutlookCrm.Core.Tests.Connectors.Graph.GraphFixtures;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

public sealed class GraphEventReadTests
{
    private const string DeltaPath = "/calendarView/delta";
    private const string MasterId = "AAMkAGSeriesMaster=";

    private static JsonNode Occurrence(string id, string type, string originalStart)
    {
        var node = FakeGraph.Fixture("event-instances.json")["value"]![0]!.DeepClone();
        node["id"] = id;
        node["type"] = type;
        node["seriesMasterId"] = MasterId;
        node["originalStart"] = originalStart;
        return node;
    }

    private static FakeGraph CalendarWithSeries()
    {
        var fake = new FakeGraph();
        fake.On("GET", $"/events/{MasterId}?$expand=singleValueExtendedProperties", _ => FakeAnswer.Json(FakeGraph.Fixture("event-series-master.json")));
        fake.On("GET", $"/events/{MasterId}/instances?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z", _ => FakeAnswer.Json(FakeGraph.Fixture("event-instances.json")));
        fake.On("GET", $"/events?$select=id&$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{ExtendedProperties.PartnerId}' and ep/value ne '')&$expand=", _ => FakeAnswer.Json(new JsonObject
        {
            ["value"] = new JsonArray(Stamped("AAMkAGIAAAoZDOFAAA=", "00UCRM1")),
        }));
        return fake;
    }

    [Fact]
    public async Task Full_scan_maps_single_all_day_and_recurring_events_from_the_calendar_view()
    {
        var fake = CalendarWithSeries();
        var items = new[]
        {
            FakeGraph.Fixture("event-single.json"), Occurrence("occ-1", "occurrence", "2026-03-02T09:00:00Z"),
            FakeGraph.Fixture("event-allday.json"), Occurrence("exc-2", "exception", "2026-03-09T09:00:00Z"),
            Occurrence("occ-5", "occurrence", "2026-03-30T08:00:00Z"),
        };
        ServeDeltaRound(fake, DeltaPath, "e1", items, r => r.PathAndQuery.Contains("startDateTime=", StringComparison.Ordinal));

        var pages = await ToListAsync(fake.Connector(new GraphConnectorOptions { PageSize = 2 }).Events.ReadChangesAsync(Scope, null, default));

        var delta = fake.Requests[0];
        Assert.Contains("calendarView/delta?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z", delta.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("outlook.timezone=\"UTC\"", delta.Header("Prefer"), StringComparison.Ordinal);
        Assert.Contains("outlook.body-content-type=\"text\"", delta.Header("Prefer"), StringComparison.Ordinal);
        var changed = pages.SelectMany(p => p.Changed).ToDictionary(c => c.Id);
        Assert.Equal(3, changed.Count); // the series is one item however many of its occurrences the view lists
        Assert.Single(fake.SubRequests, r => r.PathAndQuery.Contains($"/events/{MasterId}/instances", StringComparison.Ordinal));

        var single = changed["AAMkAGIAAAoZDOFAAA="];
        Assert.Equal("ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==", single.Version);
        var meeting = single.Body!;
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), meeting.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero), meeting.End);
        Assert.Equal("W. Europe Standard Time", meeting.TimeZone);
        Assert.True(meeting.IsPrivate);
        Assert.Equal(ShowAs.Tentative, meeting.ShowAs);
        Assert.Equal("Room 12", meeting.Location);
        Assert.Equal("Agenda: pipeline, renewals.", meeting.Body);
        Assert.Null(meeting.PartnerId); // delta can't expand it: stamps are read only when the engine asks
        Assert.StartsWith("040000008200E00074C5B7101A82E008", meeting.ICalUId, StringComparison.Ordinal);
        Assert.Equal(new Attendee("alice@contoso.com", "Alice Smith", AttendeeType.Required, ResponseStatus.Organizer), meeting.Organizer);
        Assert.Equal(
        [
            new Attendee("bob@fabrikam.com", "Bob Lee", AttendeeType.Required, ResponseStatus.Accepted),
            new Attendee("carol@fabrikam.com", "Carol", AttendeeType.Optional, ResponseStatus.Tentative),
            new Attendee("room12@contoso.com", "Room 12", AttendeeType.Resource, ResponseStatus.None),
            new Attendee("dan@fabrikam.com", "Dan", AttendeeType.Required, ResponseStatus.Declined),
        ], meeting.Attendees);

        var allDay = changed["AAMkAGIAAAoZDOFBBB="].Body!;
        Assert.True(allDay.IsAllDay);
        Assert.Equal(new DateOnly(2026, 4, 14), allDay.StartDate);
        Assert.Equal(new DateOnly(2026, 4, 16), allDay.EndDate);
        Assert.Equal(ShowAs.OutOfOffice, allDay.ShowAs);
        Assert.False(allDay.IsPrivate);

        var series = changed[MasterId];
        Assert.StartsWith("SeriesCK1==#", series.Version, StringComparison.Ordinal);
        var weekly = series.Body!;
        Assert.Equal("00U5e00000SeRiEs", weekly.PartnerId);
        Assert.Equal(new Recurrence { Type = RecurrenceType.Weekly, Interval = 1, DaysOfWeek = weekly.Recurrence!.DaysOfWeek, StartDate = new DateOnly(2026, 3, 2), NumberOfOccurrences = 5 },
            weekly.Recurrence);
        Assert.Equal([DayOfWeek.Monday], weekly.Recurrence!.DaysOfWeek);
        var moved = Assert.Single(weekly.Exceptions);
        Assert.Equal(new OccurrenceException(At(3, 9, 9), At(3, 10, 14), At(3, 10, 14).AddMinutes(30), "Weekly sync (moved)", "Room 4"), moved);
        // 16 March vanished from the series (deleted by the organizer); 23 March is listed as cancelled.
        Assert.Equal([At(3, 16, 9), At(3, 23, 9)], weekly.CancelledOccurrences);
    }

    [Fact]
    public async Task Expired_calendar_view_token_restarts_a_full_scan_of_the_window()
    {
        var fake = CalendarWithSeries();
        fake.On("GET", "$deltatoken=stale-done", _ => FakeAnswer.Error(410, "SyncStateNotFound"));
        ServeDeltaRound(fake, DeltaPath, "e2", [FakeGraph.Fixture("event-single.json")], r => r.PathAndQuery.Contains("startDateTime=", StringComparison.Ordinal));

        var pages = await ToListAsync(fake.Connector().Events.ReadChangesAsync(Scope, DeltaLink(DeltaPath, "stale"), default));

        var page = Assert.Single(pages);
        Assert.True(page.IsFullScan);
        Assert.Contains("SyncStateNotFound", page.FullScanReason, StringComparison.Ordinal);
        Assert.Single(page.Changed);
        Assert.Equal(DeltaLink(DeltaPath, "e2"), page.Cursor);
    }

    [Fact]
    public async Task Removed_events_count_as_deleted_only_when_graph_no_longer_knows_them_and_series_are_rechecked()
    {
        var fake = CalendarWithSeries();
        ServeDeltaRound(fake, DeltaPath, "e3", [Removed("gone-1"), Removed("moved-out")], r => r.PathAndQuery.Contains("$deltatoken=e2-done", StringComparison.Ordinal));
        fake.On("GET", "/events/gone-1?$select=id", _ => FakeAnswer.Error(404, "ErrorItemNotFound"));
        fake.On("GET", "/events/moved-out?$select=id", _ => FakeAnswer.Json(new JsonObject { ["id"] = "moved-out" }));
        fake.On("GET", "/calendarView?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z&$select=id,type,seriesMasterId", _ => FakeAnswer.Json(new JsonObject
        {
            ["value"] = new JsonArray(
                new JsonObject { ["id"] = "occ-1", ["type"] = "occurrence", ["seriesMasterId"] = MasterId },
                new JsonObject { ["id"] = "occ-5", ["type"] = "occurrence", ["seriesMasterId"] = MasterId },
                new JsonObject { ["id"] = "single", ["type"] = "singleInstance", ["seriesMasterId"] = null }),
        }));

        var page = Assert.Single(await ToListAsync(fake.Connector().Events.ReadChangesAsync(Scope, DeltaLink(DeltaPath, "e2"), default)));

        Assert.Equal(["gone-1"], page.Deleted);
        Assert.False(page.IsFullScan);
        // "gone-1" may have been an occurrence: the window's series come back with their current cancellations.
        var refreshed = Assert.Single(page.Changed);
        Assert.Equal(MasterId, refreshed.Id);
        Assert.Equal(2, refreshed.Body!.CancelledOccurrences.Count);
    }

    [Fact]
    public async Task Events_that_only_left_the_window_cost_no_series_recheck()
    {
        var fake = new FakeGraph();
        ServeDeltaRound(fake, DeltaPath, "e3", [Removed("moved-out")], r => r.PathAndQuery.Contains("$deltatoken=e2-done", StringComparison.Ordinal));
        fake.On("GET", "/events/moved-out?$select=id", _ => FakeAnswer.Json(new JsonObject { ["id"] = "moved-out" }));

        var page = Assert.Single(await ToListAsync(fake.Connector().Events.ReadChangesAsync(Scope, DeltaLink(DeltaPath, "e2"), default)));

        Assert.Empty(page.Deleted);
        Assert.Empty(page.Changed);
        Assert.DoesNotContain(fake.Requests, r => r.PathAndQuery.Contains("/calendarView?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_by_id_returns_the_series_with_its_exceptions_and_leaves_out_missing_ids()
    {
        var fake = CalendarWithSeries();
        fake.On("GET", "/events/nope?$expand=", _ => FakeAnswer.Error(404, "ErrorItemNotFound"));

        var read = await fake.Connector().Events.ReadAsync(Scope, [MasterId, "nope"], default);

        var series = Assert.Single(read);
        Assert.Equal(MasterId, series.Id);
        Assert.Single(series.Body.Exceptions);
        Assert.Equal(2, series.Body.CancelledOccurrences.Count);
    }

    [Fact]
    public async Task A_small_incremental_round_reads_no_stamps_and_refreshes_a_series_touched_by_one_occurrence()
    {
        var fake = CalendarWithSeries();
        ServeDeltaRound(fake, DeltaPath, "e4", [FakeGraph.Fixture("event-allday.json"), Occurrence("exc-2", "exception", "2026-03-09T09:00:00Z")],
            r => r.PathAndQuery.Contains("$deltatoken=e3-done", StringComparison.Ordinal));

        var page = Assert.Single(await ToListAsync(fake.Connector().Events.ReadChangesAsync(Scope, DeltaLink(DeltaPath, "e3"), default)));

        var changed = page.Changed.ToDictionary(c => c.Id);
        Assert.Equal(["AAMkAGIAAAoZDOFBBB=", MasterId], changed.Keys.Order());
        Assert.Null(changed["AAMkAGIAAAoZDOFBBB="].Body!.PartnerId);
        Assert.Equal("00U5e00000SeRiEs", changed[MasterId].Body!.PartnerId); // the master is read with the property expanded anyway
        Assert.DoesNotContain(fake.Requests.Concat(fake.SubRequests), r => r.PathAndQuery.Contains("$select=id&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stamps_asked_for_after_an_interrupted_run_come_from_the_filtered_list_when_that_takes_fewer_calls()
    {
        var fake = CalendarWithSeries();
        var events = (IPartnerStampReader<CalendarEvent>)fake.Connector().Events;

        var listed = await events.ReadPartnerIdsAsync(Scope, Enumerable.Range(0, 100).Select(i => $"evt-{i}").Append("AAMkAGIAAAoZDOFAAA=").ToList(), itemsOnSide: 150, default);
        fake.On("GET", "/events/evt-1?$select=id&$expand=", _ => FakeAnswer.Json(Stamped("evt-1", "00UFAIR")));
        fake.On("GET", "/events/evt-2?$select=id&$expand=", _ => FakeAnswer.Error(404, "ErrorItemNotFound"));
        var batched = await events.ReadPartnerIdsAsync(Scope, ["evt-1", "evt-2"], itemsOnSide: 5_000, default);

        Assert.Equal("00UCRM1", listed["AAMkAGIAAAoZDOFAAA="]); // 101 ids: one list page instead of six batches
        Assert.Single(fake.Requests, r => r.PathAndQuery.Contains("/events?$select=id&$filter=", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, string> { ["evt-1"] = "00UFAIR" }, batched); // 2 ids of 5,000: one batch instead of 25 pages
        Assert.Single(fake.Requests, r => r.Uri.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal));
    }

    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);
}
