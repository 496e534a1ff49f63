using System.Net;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Admin;

public sealed class SyncActivityTests
{
    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Items_per_hour_sum_every_finished_run_once_by_the_hour_it_finished(StoreProvider provider)
    {
        // The API counts up to the real current hour; the runs are written with a clock set relative to it.
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var clock = new SettableClock();
        await using var host = await AdminHost.StartAsync(provider);
        var runs = new SyncRunRepository(host.Service<StoreDatabase>(), clock);

        // hour-3 +10 min: alice writes 3 (2 created, 1 deleted); a queued request folded into the run shares its report.
        clock.Now = hour.AddHours(-3).AddMinutes(5);
        await runs.QueueAsync("alice@contoso.com", CancellationToken.None);
        await runs.QueueAsync("alice@contoso.com", CancellationToken.None);
        var alice = await runs.StartAsync("alice@contoso.com", "w1", CancellationToken.None);
        clock.Now = hour.AddHours(-3).AddMinutes(10);
        await runs.FinishAsync(alice, Report("alice@contoso.com", created: 2, updated: 0, deleted: 1), null, CancellationToken.None);
        // hour-3 +50 min: bob writes 4 in a run that failed part-way: what it applied still counts.
        var bob = await runs.StartAsync("bob@contoso.com", "w1", CancellationToken.None);
        clock.Now = hour.AddHours(-3).AddMinutes(50);
        await runs.FinishAsync(bob, Report("bob@contoso.com", created: 0, updated: 4, deleted: 0), "CRM unavailable", CancellationToken.None);
        // hour-2: one more write; 8 days ago: outside the window.
        var late = await runs.StartAsync("alice@contoso.com", "w1", CancellationToken.None);
        clock.Now = hour.AddHours(-2).AddMinutes(20);
        await runs.FinishAsync(late, Report("alice@contoso.com", created: 1, updated: 0, deleted: 0), null, CancellationToken.None);
        clock.Now = hour.AddDays(-8);
        var old = await runs.StartAsync("carol@contoso.com", "w1", CancellationToken.None);
        await runs.FinishAsync(old, Report("carol@contoso.com", created: 50, updated: 0, deleted: 0), null, CancellationToken.None);
        // Still running: no report, not counted.
        await runs.StartAsync("dave@contoso.com", "w1", CancellationToken.None);

        using var response = await host.Admin().GetAsync("/api/admin/sync-activity?days=7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hours = (await AdminHost.BodyAsync(response)).GetProperty("hours").EnumerateArray()
            .Select(h => (Hour: h.GetProperty("hour").GetDateTimeOffset(), Items: h.GetProperty("items").GetInt32())).ToList();
        Assert.Equal(7 * 24, hours.Count);
        Assert.True(hours[^1].Hour >= hour, "the window ends with the current hour");
        Assert.Equal(hours[^1].Hour.AddHours(1 - (7 * 24)), hours[0].Hour);
        Assert.All(hours.Zip(hours.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second.Hour - pair.First.Hour));
        Assert.Equal(7, hours.Single(h => h.Hour == hour.AddHours(-3)).Items);
        Assert.Equal(1, hours.Single(h => h.Hour == hour.AddHours(-2)).Items);
        Assert.Equal(8, hours.Sum(h => h.Items));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("32")]
    public async Task Days_out_of_range_is_a_validation_problem(string days)
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().GetAsync($"/api/admin/sync-activity?days={days}");

        Assert.Equal(["days"], await AdminHost.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Only_admins_see_the_activity()
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.NonAdmin().GetAsync("/api/admin/sync-activity");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static MailboxSyncReport Report(string mailbox, int created, int updated, int deleted)
    {
        var report = new MailboxSyncReport(mailbox, "sales", new ObjectSyncReport(), new ObjectSyncReport());
        for (var i = 0; i < created; i++)
        {
            report.Contacts.Created.Add(Side.Exchange);
        }

        for (var i = 0; i < updated; i++)
        {
            report.Events.Updated.Add(Side.Crm);
        }

        for (var i = 0; i < deleted; i++)
        {
            report.Events.Deleted.Add(Side.Exchange);
        }

        return report;
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
