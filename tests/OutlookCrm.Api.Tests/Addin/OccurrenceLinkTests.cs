using System.Net;
using System.Text.Json;
using OutlookCrm.Emulators.Salesforce.Schema;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Api.Tests.Addin;

/// <summary>
/// Relating one occurrence (or exception) of a recurring meeting in the pane relates its series: the
/// sync keys a series by its master and holds it on Salesforce as one event series, so the link takes
/// the series' Event (or makes it from the master) and never a stray Event for the one date.
/// </summary>
public sealed class OccurrenceLinkTests
{
    private const string SeriesSubject = "Weekly call with Bob";
    private static readonly DateTime FirstUtc = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ExchangeBackend.Graph, 7)]
    [InlineData(ExchangeBackend.Ews, 7)]
    [InlineData(ExchangeBackend.Graph, 14)]     // the moved occurrence: an exception
    [InlineData(ExchangeBackend.Ews, 14)]
    public async Task Synced_first_relating_an_occurrence_relates_the_series_event_and_the_next_run_writes_nothing(ExchangeBackend backend, int daysAfterFirst)
    {
        await using var world = await StartAsync(backend);
        var series = world.AddWeeklySeries(SeriesSubject, FirstUtc);
        await world.SyncAsync();
        var count = world.Events().Count;
        var seriesEvent = SeriesEvent(world, series);
        world.ClearJournals();

        using var response = await world.LinkAsync(world.OccurrenceRestIdOf(series, FirstUtc.AddDays(daysAfterFirst)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((seriesEvent.Id, true), await LinkOfAsync(response));
        Assert.Equal(count, world.Events().Count);
        AssertRelated(world, seriesEvent.Id);
        Assert.Equal(1, ExchangeCalls(world));       // Graph: the translation (its read is counted apart); EWS: one GetItem
        Assert.Equal(backend == ExchangeBackend.Graph ? 1 : 0, world.Exchange.Graph.Admin.Journal.Count("graph.events.get"));

        using var byMaster = await world.Alice.GetAsync($"/api/addin/events/{world.RestIdOf(series)}/crm-link");
        Assert.Equal((seriesEvent.Id, false), await LinkOfAsync(byMaster));
        world.ClearJournals();
        var next = await world.SyncAsync();

        Assert.Equal((0L, 0L), world.Writes());
        Assert.Equal(0, next.Events.Updated.Total + next.Events.Created.Total + next.Events.Deleted.Total);
        Assert.Equal(count, world.Events().Count);
        AssertRelated(world, seriesEvent.Id);
    }

    [Theory]
    [InlineData(ExchangeBackend.Graph)]
    [InlineData(ExchangeBackend.Ews)]
    public async Task Linked_first_relating_an_occurrence_makes_one_series_event_from_the_master_and_the_sync_pairs_with_it(ExchangeBackend backend)
    {
        await using var world = await StartAsync(backend);
        var series = world.AddWeeklySeries(SeriesSubject, FirstUtc);

        using var response = await world.LinkAsync(world.OccurrenceRestIdOf(series, FirstUtc.AddDays(7)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seriesEvent = SeriesEvent(world, series);
        Assert.Equal((seriesEvent.Id, true), await LinkOfAsync(response));
        // The master as Exchange has it, a Lightning event series; not the pane's fields for one date.
        Assert.Equal((SeriesSubject, LinkWorld.MeetingBody, true), ((string?)seriesEvent["Subject"], (string?)seriesEvent["Description"], seriesEvent["IsRecurrence2"] is true));
        Assert.DoesNotContain(world.Events(), e => (string?)e["Subject"] == LinkWorld.MeetingSubject);
        var count = world.Events().Count;

        world.ClearJournals();
        var first = await world.SyncAsync();
        var firstWrites = world.Writes();
        world.ClearJournals();
        await world.SyncAsync();

        Assert.Equal((1, 0), (first.Events.Matched, first.Events.Created.Total));
        Assert.Equal(0, firstWrites.Exchange);
        Assert.Equal((0L, 0L), world.Writes());
        Assert.Equal((seriesEvent.Id, count), (SeriesEvent(world, series).Id, world.Events().Count));
        AssertRelated(world, seriesEvent.Id);
        Assert.Empty(world.Exchange.MeetingMessages);
    }

    [Theory]
    [InlineData(ExchangeBackend.Graph)]
    [InlineData(ExchangeBackend.Ews)]
    public async Task Unlinking_from_an_occurrence_unlinks_the_series_and_keeps_its_synced_event(ExchangeBackend backend)
    {
        await using var world = await StartAsync(backend);
        var series = world.AddWeeklySeries(SeriesSubject, FirstUtc);
        await world.SyncAsync();
        using var link = await world.LinkAsync(world.OccurrenceRestIdOf(series, FirstUtc.AddDays(7)));

        using var unlink = await world.Alice.DeleteAsync($"/api/addin/events/{world.OccurrenceRestIdOf(series, FirstUtc.AddDays(21))}/crm-link");
        using var gone = await world.Alice.GetAsync($"/api/addin/events/{world.RestIdOf(series)}/crm-link");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound), (link.StatusCode, unlink.StatusCode, gone.StatusCode));
        var kept = SeriesEvent(world, series);
        Assert.Equal((null, null), ((string?)kept["WhoId"], (string?)kept["WhatId"]));
        Assert.Empty(world.RelatedPeople(kept.Id));
        world.ClearJournals();
        await world.SyncAsync();
        Assert.Equal((0L, 0L), world.Writes());
        Assert.True(world.Exchange.Outlook(LinkWorld.Mailbox).Read(series) is { IsDeleted: false });
    }

    [Theory]
    [InlineData(ExchangeBackend.Graph)]
    [InlineData(ExchangeBackend.Ews)]
    public async Task A_single_meeting_is_linked_as_itself_and_the_answer_says_it_is_no_series(ExchangeBackend backend)
    {
        await using var world = await LinkWorld.StartAsync(backend);

        using var response = await world.LinkAsync(world.RestIdOf(world.MeetingId));

        var linked = Assert.Single(world.Events());
        Assert.Equal((linked.Id, false), await LinkOfAsync(response));
        Assert.Equal(world.SyncIdOf(world.MeetingId), (string?)linked[SalesforceSchema.ExchangeIdField]);
    }

    /// <summary>A world whose calendar holds only what the test adds (the single meeting is deleted before any run).</summary>
    private static async Task<LinkWorld> StartAsync(ExchangeBackend backend)
    {
        var world = await LinkWorld.StartAsync(backend);
        Assert.True(world.Exchange.Outlook(LinkWorld.Mailbox).Delete(world.MeetingId));
        return world;
    }

    /// <summary>The series' Event on Salesforce: its first occurrence, stamped with the master's sync id.</summary>
    private static SObjectRecord SeriesEvent(LinkWorld world, string series) =>
        Assert.Single(world.Events(), e => (string?)e[SalesforceSchema.ExchangeIdField] == world.SyncIdOf(series));

    private static long ExchangeCalls(LinkWorld world) => world.Backend == ExchangeBackend.Graph
        ? world.Exchange.Graph.Admin.Journal.Count("graph.users.translateExchangeIds")
        : world.Exchange.Ews.Admin.Journal.Total;

    private static void AssertRelated(LinkWorld world, string eventId)
    {
        var crmEvent = Assert.Single(world.Events(), e => e.Id == eventId);
        Assert.Equal((world.ContactId, world.OpportunityId), ((string?)crmEvent["WhoId"], (string?)crmEvent["WhatId"]));
        Assert.Equal([world.ContactId], world.RelatedPeople(eventId));
    }

    private static async Task<(string? CrmEventId, bool Series)> LinkOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("crmEventId").GetString(), body.RootElement.GetProperty("series").GetBoolean());
    }
}
