using System.Text.Json.Nodes;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce.Emulated;

/// <summary>
/// Two Lightning series of one owner that start at the same instant (a daily stand-up and a weekly
/// review, both Monday 09:00 in Berlin): Event has no series id, so they are told apart by their
/// pattern fields, on reads and on writes alike.
/// </summary>
public sealed class SameStartSeriesTests
{
    // Monday 4 January 2027, 09:00 in Berlin (no DST change in the weeks used).
    private static readonly DateTimeOffset Monday = new(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);
    private const string DailyRule = "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=10";
    private const string WeeklyRule = "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4";

    [Fact]
    public async Task Two_series_made_in_salesforce_with_one_start_read_as_two_items_each_with_its_own_occurrences()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var standup = CreateInSalesforce(org, "Standup", DailyRule, TimeSpan.FromMinutes(15));
        var review = CreateInSalesforce(org, "Review", WeeklyRule, TimeSpan.FromHours(1));

        var items = (await ChangesAsync(org, null)).Changed;

        Assert.Equal(2, items.Count);
        var daily = Assert.Single(items, i => i.Id == standup).Body!;
        var weekly = Assert.Single(items, i => i.Id == review).Body!;
        Assert.Equal(("Standup", RecurrenceType.Daily, 10), (daily.Subject, daily.Recurrence!.Type, daily.Recurrence.NumberOfOccurrences));
        Assert.Equal(("Review", RecurrenceType.Weekly, 4), (weekly.Subject, weekly.Recurrence!.Type, weekly.Recurrence.NumberOfOccurrences));
        Assert.Equal((Monday.AddMinutes(15), Monday.AddHours(1)), (daily.End, weekly.End));
        Assert.All([daily, weekly], body => Assert.Empty(body.Exceptions));
        Assert.All([daily, weekly], body => Assert.Empty(body.CancelledOccurrences));
        Assert.Equal(3, org.Calls("sf.query")); // single events, the series in the window, their occurrences: not one per series
    }

    [Fact]
    public async Task Moving_an_occurrence_of_one_series_or_deleting_one_of_the_other_changes_only_that_series()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var standup = CreateInSalesforce(org, "Standup", DailyRule, TimeSpan.FromMinutes(15));
        var review = CreateInSalesforce(org, "Review", WeeklyRule, TimeSpan.FromHours(1));
        var (cursor, versions) = await SnapshotAsync(org, null);
        var secondMonday = Monday.AddDays(7);

        org.Wait(TimeSpan.FromMinutes(2));
        var standupOnSecondMonday = Occurrence(org, "Standup", secondMonday);
        org.Emulator.EditRecord("Event", standupOnSecondMonday, new JsonObject
        {
            ["StartDateTime"] = "2027-01-11T10:00:00Z", ["EndDateTime"] = "2027-01-11T10:15:00Z",
        });
        org.Wait(TimeSpan.FromMinutes(2));
        var moved = await ChangesAsync(org, cursor);

        var daily = Assert.Single(moved.Changed.DistinctBy(c => c.Id));
        Assert.Equal(standup, daily.Id);
        Assert.NotEqual(versions[standup], daily.Version);
        Assert.Equal([new OccurrenceException(secondMonday, secondMonday.AddHours(2), secondMonday.AddHours(2).AddMinutes(15), null, null)], daily.Body!.Exceptions);
        Assert.Empty(daily.Body.CancelledOccurrences);

        org.Emulator.DeleteRecord(Occurrence(org, "Review", secondMonday));
        org.Wait(TimeSpan.FromMinutes(2));
        var deleted = await ChangesAsync(org, moved.Cursor);

        var weekly = Assert.Single(deleted.Changed.DistinctBy(c => c.Id));
        Assert.Equal(review, weekly.Id);
        Assert.NotEqual(versions[review], weekly.Version);
        Assert.Equal([secondMonday], weekly.Body!.CancelledOccurrences);
        Assert.Empty(weekly.Body.Exceptions);
        Assert.NotNull(org.Emulator.GetRecord(Occurrence(org, "Standup", secondMonday.AddHours(2))));
    }

    [Fact]
    public async Task A_series_a_full_scan_reported_is_not_reported_again_by_the_next_read()
    {
        await using var org = await EmulatedOrg.StartAsync();
        CreateInSalesforce(org, "Standup", DailyRule, TimeSpan.FromMinutes(15));
        CreateInSalesforce(org, "Review", WeeklyRule, TimeSpan.FromHours(1));
        var (cursor, versions) = await SnapshotAsync(org, null);
        Assert.Equal(2, versions.Count);

        // Right away, so the occurrences are usually stamped in the second the scan started: the next read
        // asks for that second again and must know the occurrences the scan read for the series items.
        var again = await ChangesAsync(org, cursor);

        Assert.Empty(again.Changed);
    }

    [Fact]
    public async Task Two_series_from_exchange_with_one_start_get_their_moves_and_cancellations_on_their_own_occurrences()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var secondMonday = Monday.AddDays(7);
        var wednesday = Monday.AddDays(2);
        var movedWednesday = new OccurrenceException(wednesday, wednesday.AddHours(3), wednesday.AddHours(3).AddMinutes(15), null, null);
        var standup = FromExchange("AAMkStandup", "Standup", TimeSpan.FromMinutes(15),
            new Recurrence { Type = RecurrenceType.Daily, StartDate = DateOnly.FromDateTime(Monday.UtcDateTime), NumberOfOccurrences = 10 }) with
        {
            Exceptions = [movedWednesday],
        };
        var review = FromExchange("AAMkReview", "Review", TimeSpan.FromHours(1),
            new Recurrence { Type = RecurrenceType.Weekly, DaysOfWeek = [DayOfWeek.Monday], StartDate = DateOnly.FromDateTime(Monday.UtcDateTime), NumberOfOccurrences = 4 }) with
        {
            CancelledOccurrences = [secondMonday],
        };

        var outcomes = await org.Connector.Events.ApplyAsync(org.Scope,
            [new WriteRequest<CalendarEvent>("standup", WriteKind.Create, null, null, standup), new WriteRequest<CalendarEvent>("review", WriteKind.Create, null, null, review)],
            CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Message));
        Assert.All(outcomes, o => Assert.Empty(o.Losses));
        var daily = org.Emulator.GetRecords("Event").Where(e => (string?)e["Subject"] == "Standup").OrderBy(Start).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(d => d == 2 ? movedWednesday.Start : Monday.AddDays(d)), daily.Select(Start));
        Assert.Equal("AAMkStandup#20270106T080000Z", daily[2]["OutlookCrm_ExchangeId__c"]);
        var weekly = org.Emulator.GetRecords("Event").Where(e => (string?)e["Subject"] == "Review").OrderBy(Start).ToList();
        Assert.Equal([Monday, Monday.AddDays(14), Monday.AddDays(21)], weekly.Select(Start));
        Assert.All(weekly, w => Assert.False(w["IsRecurrence2Exception"] is true));
        Assert.Equal(new Dictionary<string, long>
        {
            ["sf.collections.upsert"] = 1, ["sf.collections.delete"] = 1, ["sf.collections.update"] = 1, ["sf.query"] = 2,
        }, org.Counter.ByOperation().Where(kv => kv.Key is not ("sf.token" or "sf.describe")).ToDictionary());

        var read = await org.Connector.Events.ReadAsync(org.Scope, outcomes.Select(o => o.Id!).ToList(), CancellationToken.None);

        Assert.Equal(outcomes.Select(o => (o.Id, o.Version)).Order(), read.Select(r => ((string?)r.Id, (string?)r.Version)).Order());
        var readStandup = Assert.Single(read, r => r.Id == outcomes[0].Id).Body;
        var readReview = Assert.Single(read, r => r.Id == outcomes[1].Id).Body;
        Assert.Equal([movedWednesday], readStandup.Exceptions);
        Assert.Empty(readStandup.CancelledOccurrences);
        Assert.Empty(readReview.Exceptions);
        Assert.Equal([secondMonday], readReview.CancelledOccurrences);
        Assert.Equal(("AAMkStandup", "AAMkReview"), (readStandup.PartnerId, readReview.PartnerId));
    }

    private static CalendarEvent FromExchange(string partnerId, string subject, TimeSpan length, Recurrence recurrence) => new()
    {
        Subject = subject, Start = Monday, End = Monday + length, TimeZone = "W. Europe Standard Time", PartnerId = partnerId, Recurrence = recurrence,
    };

    /// <summary>A person makes a series in Salesforce for the mailbox's CRM user; returns its first occurrence.</summary>
    private static string CreateInSalesforce(EmulatedOrg org, string subject, string rule, TimeSpan length) =>
        org.Emulator.CreateRecord("Event", new JsonObject
        {
            ["Subject"] = subject, ["OwnerId"] = org.UserId, ["IsRecurrence2"] = true, ["Recurrence2PatternText"] = rule,
            ["Recurrence2PatternTimeZone"] = "Europe/Berlin",
            ["StartDateTime"] = Monday.UtcDateTime.ToString("O"), ["EndDateTime"] = (Monday + length).UtcDateTime.ToString("O"),
        });

    private static string Occurrence(EmulatedOrg org, string subject, DateTimeOffset start) =>
        org.Emulator.GetRecords("Event").Single(e => (string?)e["Subject"] == subject && Start(e) == start).Id;

    private static async Task<(string Cursor, Dictionary<string, string> Versions)> SnapshotAsync(EmulatedOrg org, string? cursor)
    {
        var changes = await ChangesAsync(org, cursor);
        return (changes.Cursor, changes.Changed.ToDictionary(c => c.Id, c => c.Version));
    }

    private static async Task<(List<ChangedItem<CalendarEvent>> Changed, string Cursor)> ChangesAsync(EmulatedOrg org, string? cursor)
    {
        var changed = new List<ChangedItem<CalendarEvent>>();
        await foreach (var page in org.Connector.Events.ReadChangesAsync(org.Scope, cursor, CancellationToken.None))
        {
            changed.AddRange(page.Changed);
            cursor = page.Cursor;
        }

        return (changed, cursor!);
    }

    private static DateTimeOffset Start(SObjectRecord record) => new((DateTime)record["StartDateTime"]!, TimeSpan.Zero);
}
