using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.EndToEnd.Tests;

public sealed class EventSyncTests
{
    /// <summary>The size for a mailbox and a CRM that already share their meetings.</summary>
    private const int Shared = 50;

    private static readonly DateTime Monday = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task Shared_meetings_pair_private_ones_stay_out_and_a_second_run_writes_nothing(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        var shared = Enumerable.Range(0, Shared).Select(i => (Subject: $"Account review {i}", Start: Monday.AddHours(3 * i))).ToList();
        world.Salesforce.Seed(new SeedRequest
        {
            Events = shared.Select(m => CrmEvent(world, m.Subject, m.Start))
                .Append(CrmEvent(world, "Only in the CRM", Monday.AddHours(5))).ToList(),
        });
        world.Exchange.Seed(new SeedDocument
        {
            Events = shared.Select(m => OutlookEvent(m.Subject, m.Start))
                .Append(OutlookEvent("Only in Outlook", Monday.AddHours(6)))
                .Append(OutlookEvent("Dentist", Monday.AddHours(7), sensitivity: "private")).ToList(),
        });

        var first = await world.SyncAsync();
        world.ClearJournals();
        var second = await world.SyncAsync();

        Assert.True(first.Events.Errors.Count == 0, string.Join("; ", first.Events.Errors.Select(e => $"{e.Code}: {e.Message}")));
        Assert.Equal(Shared, first.Events.Matched);
        Assert.Equal(Shared + 2, world.CrmRecords("Event").Count);
        Assert.DoesNotContain(world.CrmRecords("Event"), e => (string?)e["Subject"] == "Dentist");
        Assert.Equal(Shared + 3, world.ExchangeItems<EventItem>().Count);
        Assert.Equal(1, first.Events.Skipped.GetValueOrDefault("private"));
        Assert.Equal(0, second.Events.Writes);
        Assert.Equal((0L, 0L), world.Writes());
        Assert.Empty(world.Exchange.MeetingMessages);
    }

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_weekly_series_from_outlook_arrives_as_one_lightning_event_series(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Exchange.Seed(new SeedDocument
        {
            Events =
            [
                OutlookEvent("Team standup", Monday).WithRecurrence(new SeedRecurrence
                {
                    Type = "weekly", DaysOfWeek = ["monday"], RangeType = "numbered", NumberOfOccurrences = 6,
                }),
            ],
        });

        var report = await world.SyncAsync();

        Assert.True(report.Events.Errors.Count == 0, string.Join("; ", report.Events.Errors.Select(e => $"{e.Code}: {e.Message}")));
        // Salesforce holds a series as one Event per occurrence; the sync links the first, which carries the Exchange id.
        var occurrences = world.CrmRecords("Event").Where(e => (string?)e["Subject"] == "Team standup").ToList();
        Assert.Equal(6, occurrences.Count);
        Assert.All(occurrences, o => Assert.Contains("FREQ=WEEKLY", (string?)o["Recurrence2PatternText"] ?? "", StringComparison.Ordinal));
        var series = Assert.Single(occurrences, o => o["OutlookCrm_ExchangeId__c"] is string);
        Assert.Equal(Monday, series["StartDateTime"]);
        Assert.Equal(0, (await world.SyncAsync()).Events.Writes);
    }

    private static JsonObject CrmEvent(SyncWorld world, string subject, DateTime start) => new()
    {
        ["Subject"] = subject, ["StartDateTime"] = start.ToString("yyyy-MM-ddTHH:mm:ss.000Z"), ["EndDateTime"] = start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ss.000Z"),
        ["DurationInMinutes"] = 30, ["OwnerId"] = world.CrmUserId, ["Location"] = "Room 1",
    };

    internal static SeedEvent OutlookEvent(string subject, DateTime start, string sensitivity = "normal") => new()
    {
        Mailbox = SyncWorld.Mailbox, Subject = subject, Start = start.ToString("yyyy-MM-ddTHH:mm:ss"), End = start.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ss"),
        TimeZone = "UTC", Location = "Room 1", Sensitivity = sensitivity, Organizer = SyncWorld.Mailbox,
    };
}

internal static class SeedEventExtensions
{
    public static SeedEvent WithRecurrence(this SeedEvent e, SeedRecurrence recurrence)
    {
        e.Recurrence = recurrence;
        return e;
    }
}
