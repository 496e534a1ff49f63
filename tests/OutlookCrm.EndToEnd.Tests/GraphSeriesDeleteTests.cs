using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.EndToEnd.Tests.EventSyncTests;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>
/// The Graph event side against the Exchange emulator: <c>calendarView/delta</c> reports a series
/// deleted whole only as its occurrences' ids, so the side finds the related masters that are gone.
/// </summary>
public sealed class GraphSeriesDeleteTests
{
    private static readonly DateTime Monday = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Removed_occurrences_of_a_deleted_series_report_its_master_deleted()
    {
        await using var calendar = await Calendar.StartAsync();

        Assert.True(calendar.Outlook.Delete(calendar.OutlookId("Pipeline sync")));
        var pages = await calendar.ReadAsync();

        var deleted = pages.SelectMany(p => p.Deleted).ToList();
        Assert.Contains(calendar.MasterId, deleted);
        Assert.DoesNotContain(calendar.SingleId, deleted);
        Assert.Equal(4, deleted.Count(id => !calendar.Related.Contains(id))); // the occurrences, which no relation knows
        Assert.Empty(pages.SelectMany(p => p.Changed));
        // One delta page, one listing of the window, and in $batch: the 4 removed ids, then the 1 related master the window lost.
        Assert.Equal(1, calendar.Calls("graph.events.delta"));
        Assert.Equal(1, calendar.Calls("graph.events.calendarView"));
        Assert.Equal(5, calendar.BatchMembers("graph.events.get"));
    }

    [Fact]
    public async Task A_cancelled_occurrence_is_a_change_of_its_series_not_a_delete()
    {
        await using var calendar = await Calendar.StartAsync();

        Assert.True(calendar.Outlook.CancelOccurrence(calendar.OutlookId("Pipeline sync"), Monday.AddDays(7)));
        var pages = await calendar.ReadAsync();

        Assert.DoesNotContain(pages.SelectMany(p => p.Deleted), calendar.Related.Contains);
        var series = Assert.Single(pages.SelectMany(p => p.Changed));
        Assert.Equal(calendar.MasterId, series.Id);
        Assert.Equal([new DateTimeOffset(Monday.AddDays(7))], series.Body!.CancelledOccurrences);
        // Confirming the removed occurrence and re-reading the series; every related id is still in the window, so no more.
        Assert.Equal(2, calendar.BatchMembers("graph.events.get"));
    }

    [Fact]
    public async Task A_deleted_single_event_is_deleted_and_its_series_neighbour_is_not()
    {
        await using var calendar = await Calendar.StartAsync();

        Assert.True(calendar.Outlook.Delete(calendar.OutlookId("Lunch")));
        var pages = await calendar.ReadAsync();

        Assert.Equal([calendar.SingleId], pages.SelectMany(p => p.Deleted));
        var series = Assert.Single(pages.SelectMany(p => p.Changed)); // re-read, since the removed id might have been its occurrence
        Assert.Equal(calendar.MasterId, series.Id);
        Assert.Empty(series.Body!.CancelledOccurrences);
        Assert.Equal(2, calendar.BatchMembers("graph.events.get")); // confirming the removed id, re-reading the series
        Assert.Equal(1, calendar.Calls("graph.events.calendarView"));
    }

    [Fact]
    public async Task A_round_without_removals_costs_no_listing_and_no_confirmation()
    {
        await using var calendar = await Calendar.StartAsync();

        Assert.True(calendar.Outlook.EditEvent(calendar.OutlookId("Lunch"), e => e with { Subject = "Lunch with Bob" }));
        var pages = await calendar.ReadAsync();

        Assert.Equal("Lunch with Bob", Assert.Single(pages.SelectMany(p => p.Changed)).Body!.Subject);
        Assert.Empty(pages.SelectMany(p => p.Deleted));
        Assert.Equal(0, calendar.Calls("graph.events.calendarView"));
        Assert.Equal(1, calendar.Calls("graph.events.delta"));
        Assert.Equal(0, calendar.BatchMembers("graph.events.get")); // partner stamps are read only after an interrupted run (IPartnerStampReader)
    }

    /// <summary>A mailbox with a 4-week series and a single event, read once so both are related and the cursor is current.</summary>
    private sealed class Calendar : IAsyncDisposable
    {
        private SyncWorld world = null!;
        private IRelatedChangeReader<CalendarEvent> side = null!;
        private SyncScope scope = null!;
        private string cursor = "";

        public OutlookUser Outlook => world.Exchange.Outlook(SyncWorld.Mailbox);
        public HashSet<string> Related { get; } = new(StringComparer.Ordinal);
        public string MasterId { get; private set; } = "";
        public string SingleId { get; private set; } = "";

        public static async Task<Calendar> StartAsync()
        {
            var calendar = new Calendar { world = await SyncWorld.StartAsync(Backend.Graph) };
            await calendar.InitAsync();
            return calendar;
        }

        private async Task InitAsync()
        {
            world.Exchange.Seed(new SeedDocument
            {
                Events =
                [
                    OutlookEvent("Pipeline sync", Monday).WithRecurrence(new SeedRecurrence { Type = "weekly", DaysOfWeek = ["monday"], RangeType = "numbered", NumberOfOccurrences = 4 }),
                    OutlookEvent("Lunch", Monday.AddDays(1)),
                ],
            });
            side = (IRelatedChangeReader<CalendarEvent>)(await world.Service<IConnectorSource>().MailboxAsync(CancellationToken.None)).Events;
            scope = new SyncScope(SyncWorld.Mailbox, world.CrmUserId, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), world.Clock.GetUtcNow().AddYears(1));
            var changed = (await ReadAsync()).SelectMany(p => p.Changed).ToList();
            MasterId = changed.Single(c => c.Body!.Recurrence is not null).Id;
            SingleId = changed.Single(c => c.Body!.Recurrence is null).Id;
            Related.UnionWith([MasterId, SingleId]);
        }

        public string OutlookId(string subject) => world.OutlookId(world.ExchangeItems<EventItem>().Single(e => e.Subject == subject));

        /// <summary>One delta round from the last cursor, with a clean journal.</summary>
        public async Task<List<ChangePage<CalendarEvent>>> ReadAsync()
        {
            world.ClearJournals();
            var pages = new List<ChangePage<CalendarEvent>>();
            await foreach (var page in side.ReadChangesAsync(scope, cursor == "" ? null : cursor, Related, CancellationToken.None))
            {
                pages.Add(page);
                cursor = page.Cursor;
            }

            return pages;
        }

        public long Calls(string operation) => world.Exchange.Graph.Admin.Journal.ByOperation.GetValueOrDefault(operation);

        public long BatchMembers(string operation) => world.Exchange.Graph.Admin.BatchMembers.ByOperation.GetValueOrDefault(operation);

        public ValueTask DisposeAsync() => world.DisposeAsync();
    }
}
