using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Tests.Sync.Fakes;

namespace OutlookCrm.Core.Tests.Sync;

public sealed class EventSyncEngineTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static SyncHarness<CalendarEvent> Harness(bool includePrivate = false) =>
        new(new EventRules(new EventFilterSettings(new DateOnly(2026, 1, 1), includePrivate)), ObjectKind.Event);

    private static CalendarEvent Meeting(string subject, DateTimeOffset start, int minutes = 30) =>
        new() { Subject = subject, Start = start, End = start.AddMinutes(minutes), Location = "Room 1" };

    [Fact]
    public async Task A_private_event_stays_out_unless_asked_for()
    {
        var h = Harness();
        h.Exchange.Put(Meeting("Dentist", Monday) with { IsPrivate = true });
        h.Exchange.Put(Meeting("Pipeline review", Monday.AddHours(2)));

        var report = await h.RunAsync();

        Assert.Equal(["Pipeline review"], h.Crm.Live.Select(e => e.Body.Subject));
        Assert.Equal(1, report.Skipped["private"]);
    }

    [Fact]
    public async Task A_private_event_included_on_request_stays_private()
    {
        var h = Harness(includePrivate: true);
        h.Exchange.Put(Meeting("Dentist", Monday) with { IsPrivate = true });

        await h.RunAsync();

        Assert.True(h.Crm.Live.Single().Body.IsPrivate);
    }

    [Fact]
    public async Task Events_before_the_window_are_skipped()
    {
        var h = Harness();
        h.Crm.Put(Meeting("Old", new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero)));

        var report = await h.RunAsync();

        Assert.Empty(h.Exchange.Live);
        Assert.Equal(1, report.Skipped["out of window"]);
    }

    [Fact]
    public async Task Shared_events_pair_by_slot_and_subject_without_duplicates()
    {
        var h = Harness();
        h.Crm.Put(Meeting("Pipeline Review", Monday));
        h.Exchange.Put(Meeting("pipeline  review", Monday) with { Attendees = [new Attendee("bob@fabrikam.com", "Bob")] });
        h.Exchange.Put(Meeting("Pipeline review", Monday.AddDays(1)));

        var report = await h.RunAsync();

        Assert.Equal(2, h.Crm.Live.Count());
        Assert.Equal(2, h.Exchange.Live.Count());
        Assert.Equal(1, report.Matched);
    }

    [Fact]
    public async Task A_weekly_series_with_a_moved_and_a_cancelled_occurrence_arrives_whole()
    {
        var h = Harness();
        var series = Meeting("Standup", Monday) with
        {
            Recurrence = new Recurrence { Type = RecurrenceType.Weekly, DaysOfWeek = [DayOfWeek.Monday], StartDate = DateOnly.FromDateTime(Monday.UtcDateTime), NumberOfOccurrences = 6 },
            Exceptions = [new OccurrenceException(Monday.AddDays(7), Monday.AddDays(8), Monday.AddDays(8).AddMinutes(30), null, null)],
            CancelledOccurrences = [Monday.AddDays(14)],
        };
        h.Exchange.Put(series);

        await h.RunAsync();

        var copy = h.Crm.Live.Single().Body;
        Assert.Equal(series.Recurrence, copy.Recurrence);
        Assert.Equal(series.Exceptions, copy.Exceptions);
        Assert.Equal(series.CancelledOccurrences, copy.CancelledOccurrences);
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task Moving_a_meeting_in_the_crm_moves_it_in_exchange_and_keeps_its_attendees()
    {
        var h = Harness();
        var attendees = new[] { new Attendee("bob@fabrikam.com", "Bob") };
        var exchangeId = h.Exchange.Put(Meeting("Demo", Monday) with { Attendees = attendees });
        await h.RunAsync();
        var crmId = h.Crm.Live.Single().Id;

        h.Crm.Edit(crmId, e => e with { Start = Monday.AddHours(3), End = Monday.AddHours(3).AddMinutes(30) });
        await h.RunAsync();

        Assert.Equal(Monday.AddHours(3), h.Exchange[exchangeId].Start);
        Assert.Equal(attendees, h.Exchange[exchangeId].Attendees);
    }

    [Fact]
    public async Task Show_as_tentative_and_busy_are_the_same_to_the_crm()
    {
        var h = Harness();
        var id = h.Exchange.Put(Meeting("Demo", Monday) with { ShowAs = ShowAs.Busy });
        await h.RunAsync();

        h.Exchange.Edit(id, e => e with { ShowAs = ShowAs.Tentative });

        Assert.Equal(0, (await h.RunAsync()).Writes);
    }
}
