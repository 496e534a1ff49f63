using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce.Emulated;

/// <summary>A series from Exchange written as a Lightning event series, and read back as one item.</summary>
public sealed class SeriesWriteTests
{
    // Monday 15 March 2027, 09:00 in Berlin; the clocks go forward on 28 March, so the third occurrence is an hour earlier in UTC.
    private static readonly DateTimeOffset First = new(2027, 3, 15, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Third = new(2027, 3, 29, 7, 0, 0, TimeSpan.Zero);

    private static CalendarEvent Series(IReadOnlyList<OccurrenceException>? moved = null, IReadOnlyList<DateTimeOffset>? cancelled = null) => new()
    {
        Subject = "Standup", Start = First, End = First.AddMinutes(15), TimeZone = "W. Europe Standard Time", PartnerId = "AAMkSeries1",
        Recurrence = new Recurrence { Type = RecurrenceType.Weekly, DaysOfWeek = [DayOfWeek.Monday], StartDate = new DateOnly(2027, 3, 15), NumberOfOccurrences = 6 },
        Exceptions = moved ?? [],
        CancelledOccurrences = cancelled ?? [],
    };

    [Fact]
    public async Task A_moved_and_a_cancelled_occurrence_are_written_and_the_series_reads_back_as_one_unchanged_item()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var moved = new OccurrenceException(First.AddDays(7), First.AddDays(8).AddHours(3), First.AddDays(8).AddHours(3).AddMinutes(15), null, null);
        var written = Series([moved], [Third]);

        var outcome = Assert.Single(await org.Connector.Events.ApplyAsync(org.Scope, [new WriteRequest<CalendarEvent>("s", WriteKind.Create, null, null, written)], CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Empty(outcome.Losses);
        var occurrences = org.Emulator.GetRecords("Event").OrderBy(Start).ToList();
        Assert.Equal([First, moved.Start, First.AddDays(21).AddHours(-1), First.AddDays(28).AddHours(-1), First.AddDays(35).AddHours(-1)], occurrences.Select(Start));
        Assert.Equal([false, true, false, false, false], occurrences.Select(o => o["IsRecurrence2Exception"] is true));
        Assert.Equal(["AAMkSeries1", "AAMkSeries1#20270322T080000Z", null, null, null], occurrences.Select(o => o["OutlookCrm_ExchangeId__c"] as string));
        Assert.Equal(new Dictionary<string, long>
        {
            ["sf.collections.upsert"] = 1, ["sf.collections.delete"] = 1, ["sf.collections.update"] = 1, ["sf.query"] = 2,
        }, org.Counter.ByOperation().Where(kv => kv.Key is not ("sf.token" or "sf.describe")).ToDictionary());

        var read = Assert.Single(await org.Connector.Events.ReadAsync(org.Scope, [outcome.Id!], CancellationToken.None));
        Assert.Equal((outcome.Id, outcome.Version), (read.Id, read.Version));
        Assert.Equal(RecurrenceRule.Format(written.Recurrence!), RecurrenceRule.Format(read.Body.Recurrence!));
        Assert.Equal(written.Recurrence!.StartDate, read.Body.Recurrence!.StartDate);
        Assert.Equal([moved], read.Body.Exceptions);
        Assert.Equal([Third], read.Body.CancelledOccurrences);
        Assert.Equal("AAMkSeries1", read.Body.PartnerId);

        var scanned = new List<ChangedItem<CalendarEvent>>();
        await foreach (var page in org.Connector.Events.ReadChangesAsync(org.Scope, null, CancellationToken.None))
        {
            scanned.AddRange(page.Changed);
        }

        var item = Assert.Single(scanned); // the other occurrences are not items of their own
        Assert.Equal((outcome.Id, outcome.Version), (item.Id, item.Version));
    }

    [Fact]
    public async Task An_occurrence_a_person_moves_or_deletes_in_salesforce_changes_the_series_item()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var created = Assert.Single(await org.Connector.Events.ApplyAsync(org.Scope, [new WriteRequest<CalendarEvent>("s", WriteKind.Create, null, null, Series())], CancellationToken.None));
        var cursor = await LastCursorAsync(org, null);
        var occurrences = org.Emulator.GetRecords("Event").OrderBy(Start).ToList();

        org.Wait(TimeSpan.FromMinutes(2));
        org.Emulator.EditRecord("Event", occurrences[1].Id, new JsonObject { ["StartDateTime"] = "2027-03-22T10:00:00Z", ["EndDateTime"] = "2027-03-22T10:15:00Z" });
        org.Emulator.DeleteRecord(occurrences[3].Id);
        org.Wait(TimeSpan.FromMinutes(2));
        var changed = new List<ChangedItem<CalendarEvent>>();
        await foreach (var page in org.Connector.Events.ReadChangesAsync(org.Scope, cursor, CancellationToken.None))
        {
            changed.AddRange(page.Changed);
        }

        var series = Assert.Single(changed.DistinctBy(c => c.Id));
        Assert.Equal(created.Id, series.Id);
        Assert.NotEqual(created.Version, series.Version);
        Assert.Equal([new OccurrenceException(First.AddDays(7), new(2027, 3, 22, 10, 0, 0, TimeSpan.Zero), new(2027, 3, 22, 10, 15, 0, TimeSpan.Zero), null, null)],
            series.Body!.Exceptions);
        Assert.Equal([First.AddDays(21).AddHours(-1)], series.Body.CancelledOccurrences);
    }

    [Fact]
    public async Task The_first_occurrence_is_not_moved_or_deleted_alone_and_a_deleted_series_goes_whole()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var moved = new OccurrenceException(First, First.AddHours(1), First.AddHours(1).AddMinutes(15), null, null);

        var outcome = Assert.Single(await org.Connector.Events.ApplyAsync(org.Scope,
            [new WriteRequest<CalendarEvent>("s", WriteKind.Create, null, null, Series([moved]))], CancellationToken.None));

        Assert.Contains("first occurrence holds the series", Assert.Single(outcome.Losses), StringComparison.Ordinal);
        Assert.Equal(First, Start(org.Emulator.GetRecord(outcome.Id!)!));

        var deleted = Assert.Single(await org.Connector.Events.ApplyAsync(org.Scope,
            [new WriteRequest<CalendarEvent>("d", WriteKind.Delete, outcome.Id, null, null)], CancellationToken.None));

        Assert.True(deleted.Succeeded, deleted.Error?.Message);
        Assert.Empty(org.Emulator.GetRecords("Event"));
    }

    private static async Task<string> LastCursorAsync(EmulatedOrg org, string? cursor)
    {
        await foreach (var page in org.Connector.Events.ReadChangesAsync(org.Scope, cursor, CancellationToken.None))
        {
            cursor = page.Cursor;
        }

        return cursor!;
    }

    private static DateTimeOffset Start(SObjectRecord record) => new((DateTime)record["StartDateTime"]!, TimeSpan.Zero);
}
