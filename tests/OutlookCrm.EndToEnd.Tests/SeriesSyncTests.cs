using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce.Store;
using static OutlookCrm.EndToEnd.Tests.EventSyncTests;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>Recurring series with exceptions, written to Salesforce as a Lightning event series and its occurrence Events.</summary>
public sealed class SeriesSyncTests
{
    private static readonly DateTime Monday = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_weekly_series_with_one_moved_and_one_cancelled_occurrence_arrives_correctly(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        var series = OutlookEvent("Team standup", Monday).WithRecurrence(new SeedRecurrence
        {
            Type = "weekly", DaysOfWeek = ["monday"], RangeType = "numbered", NumberOfOccurrences = 6,
        });
        series.Exceptions =
        [
            new SeedException { OriginalStart = Local(Monday.AddDays(7)), Start = Local(Monday.AddDays(8).AddHours(2)), End = Local(Monday.AddDays(8).AddHours(2).AddMinutes(30)) },
            new SeedException { OriginalStart = Local(Monday.AddDays(14)), Cancelled = true },
        ];
        world.Exchange.Seed(new SeedDocument { Events = [series] });

        var first = await world.SyncAsync();
        world.Wait(TimeSpan.FromMinutes(2));
        world.ClearJournals();
        var second = await world.SyncAsync();

        Assert.True(first.Events.Errors.Count == 0, string.Join("; ", first.Events.Errors.Select(e => $"{e.Code}: {e.Message}")));
        Assert.Empty(first.Events.Losses);
        Assert.Equal(1, first.Events.Created.Crm);
        var occurrences = world.CrmRecords("Event").Where(e => (string?)e["Subject"] == "Team standup").OrderBy(Start).ToList();
        Assert.All(occurrences, o => Assert.Equal(true, o["IsRecurrence2"]));
        Assert.All(occurrences, o => Assert.Equal(world.CrmUserId, o["OwnerId"]));
        Assert.Equal([Monday, Monday.AddDays(8).AddHours(2), Monday.AddDays(21), Monday.AddDays(28), Monday.AddDays(35)], occurrences.Select(Start));
        var anchor = occurrences[0];
        Assert.StartsWith("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=6", (string?)anchor["Recurrence2PatternText"]);
        Assert.Equal([false, true, false, false, false], occurrences.Select(o => o["IsRecurrence2Exception"] is true));
        Assert.DoesNotContain(occurrences, o => DateOnly.FromDateTime(Start(o)) == DateOnly.FromDateTime(Monday.AddDays(14)));

        Assert.Equal(0, second.Events.Writes);
        Assert.Equal((0L, 0L), world.Writes());
        Assert.Single(world.ExchangeItems<Emulators.Exchange.Store.EventItem>());
        Assert.Empty(world.Exchange.MeetingMessages);
    }

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task An_occurrence_cancelled_later_in_outlook_is_deleted_on_salesforce(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Exchange.Seed(new SeedDocument
        {
            Events = [OutlookEvent("Pipeline sync", Monday).WithRecurrence(new SeedRecurrence { Type = "weekly", DaysOfWeek = ["monday"], RangeType = "numbered", NumberOfOccurrences = 4 })],
        });
        await world.SyncAsync();
        var outlook = world.Exchange.Outlook(SyncWorld.Mailbox);
        var seriesId = world.OutlookId(world.ExchangeItems<Emulators.Exchange.Store.EventItem>().Single());

        Assert.True(outlook.CancelOccurrence(seriesId, Monday.AddDays(7)));
        world.Wait(TimeSpan.FromMinutes(2));
        var cancelled = await world.SyncAsync();

        Assert.Equal(1, cancelled.Events.Updated.Crm);
        Assert.Equal([Monday, Monday.AddDays(14), Monday.AddDays(21)], world.CrmRecords("Event").Select(Start).Order());
        world.Wait(TimeSpan.FromMinutes(2));
        Assert.Equal(0, (await world.SyncAsync()).Events.Writes);
    }

    [Theory]
    [InlineData(Backend.Graph, true)]
    [InlineData(Backend.Graph, false)]
    [InlineData(Backend.Ews, true)]
    [InlineData(Backend.Ews, false)]
    public async Task A_series_deleted_in_outlook_is_deleted_on_salesforce_only_when_deletes_propagate(Backend backend, bool propagateDeletes)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Configuration = world.Configuration with { Events = world.Configuration.Events with { PropagateDeletes = propagateDeletes } };
        world.Exchange.Seed(new SeedDocument
        {
            Events =
            [
                OutlookEvent("Pipeline sync", Monday).WithRecurrence(new SeedRecurrence { Type = "weekly", DaysOfWeek = ["monday"], RangeType = "numbered", NumberOfOccurrences = 4 }),
                OutlookEvent("Lunch", Monday.AddDays(1)),
            ],
        });
        await world.SyncAsync();
        Assert.Equal(4, world.CrmRecords("Event").Count(e => (string?)e["Subject"] == "Pipeline sync"));

        var outlook = world.Exchange.Outlook(SyncWorld.Mailbox);
        Assert.True(outlook.Delete(world.OutlookId(world.ExchangeItems<Emulators.Exchange.Store.EventItem>().Single(e => e.Subject == "Pipeline sync"))));
        world.Wait(TimeSpan.FromMinutes(2));
        var deleted = await world.SyncAsync();
        world.Wait(TimeSpan.FromMinutes(2));
        world.ClearJournals();
        var second = await world.SyncAsync();

        Assert.True(deleted.Events.Errors.Count == 0, string.Join("; ", deleted.Events.Errors.Select(e => $"{e.Code}: {e.Message}")));
        Assert.Equal(propagateDeletes ? 1 : 0, deleted.Events.Deleted.Crm);
        Assert.Equal(propagateDeletes ? 0 : 4, world.CrmRecords("Event").Count(e => (string?)e["Subject"] == "Pipeline sync"));
        Assert.Single(world.CrmRecords("Event"), e => (string?)e["Subject"] == "Lunch");
        Assert.Equal(0, deleted.Events.Created.Total);
        Assert.Equal(0, second.Events.Writes);
        Assert.Equal((0L, 0L), world.Writes());
    }

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task Two_salesforce_series_of_one_owner_starting_together_arrive_as_two_recurring_meetings(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        var start = Monday.AddHours(-1); // 09:00 in Berlin
        foreach (var (subject, rule, minutes) in new[] { ("Daily standup", "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=10", 15), ("Weekly review", "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4", 60) })
        {
            world.Salesforce.CreateRecord("Event", new System.Text.Json.Nodes.JsonObject
            {
                ["Subject"] = subject, ["OwnerId"] = world.CrmUserId, ["IsRecurrence2"] = true, ["Recurrence2PatternText"] = rule,
                ["Recurrence2PatternTimeZone"] = "Europe/Berlin", ["StartDateTime"] = start.ToString("O"), ["EndDateTime"] = start.AddMinutes(minutes).ToString("O"),
            });
        }

        var first = await world.SyncAsync();
        world.Wait(TimeSpan.FromMinutes(2));
        world.ClearJournals();
        var second = await world.SyncAsync();

        Assert.True(first.Events.Errors.Count == 0, string.Join("; ", first.Events.Errors.Select(e => $"{e.Code}: {e.Message}")));
        Assert.Equal(2, first.Events.Created.Exchange);
        var meetings = world.ExchangeItems<Emulators.Exchange.Store.EventItem>().OrderBy(e => e.Subject).ToList();
        Assert.Equal(["Daily standup", "Weekly review"], meetings.Select(m => m.Subject));
        Assert.All(meetings, m => Assert.Equal(start, m.StartUtc));
        Assert.Equal([TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)], meetings.Select(m => m.Duration));
        Assert.Equal(
            [(Emulators.Exchange.Store.PatternType.Daily, 10), (Emulators.Exchange.Store.PatternType.Weekly, 4)],
            meetings.Select(m => (m.Recurrence!.Type, m.Recurrence.NumberOfOccurrences)));
        Assert.All(meetings, m => Assert.Empty(m.Exceptions));
        Assert.Equal(14, world.CrmRecords("Event").Count);
        Assert.Equal(0, second.Events.Writes);
        Assert.Equal((0L, 0L), world.Writes());
    }

    private static DateTime Start(SObjectRecord record) => (DateTime)record["StartDateTime"]!;

    private static string Local(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss");
}
