using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Tests.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Scheduling;

public sealed class MailboxLeasesTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Concurrent_claimers_never_get_the_same_mailbox(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var leases = new MailboxLeases(context.Database, clock);
        var mailboxes = Enumerable.Range(0, 50).Select(i => $"user{i:D2}@contoso.com").ToList();
        await leases.TrackAsync(mailboxes, CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(w =>
            Task.Run(async () =>
            {
                var mine = new List<string>();
                for (var round = 0; round < 10; round++)
                {
                    mine.AddRange(await leases.ClaimDueAsync($"worker-{w}", 3, Lease, CancellationToken.None));
                }

                return mine;
            })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(mailboxes.Order(), all.Order());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_dead_workers_mailbox_is_taken_over_only_after_its_lease_expires(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var leases = new MailboxLeases(context.Database, clock);
        await leases.TrackAsync(["alice@contoso.com"], CancellationToken.None);
        Assert.Single(await leases.ClaimDueAsync("dead", 4, Lease, CancellationToken.None));

        clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await leases.ClaimDueAsync("other", 4, Lease, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["alice@contoso.com"], await leases.ClaimDueAsync("other", 4, Lease, CancellationToken.None));
        Assert.False(await leases.RenewAsync("dead", "alice@contoso.com", Lease, CancellationToken.None));
        Assert.True(await leases.RenewAsync("other", "alice@contoso.com", Lease, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_released_mailbox_waits_for_its_next_due_time_unless_made_due(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var leases = new MailboxLeases(context.Database, clock);
        await leases.TrackAsync(["alice@contoso.com"], CancellationToken.None);
        await leases.ClaimDueAsync("w1", 1, Lease, CancellationToken.None);
        await leases.ReleaseAsync("w1", "alice@contoso.com", clock.GetUtcNow().AddMinutes(10), null, CancellationToken.None);

        Assert.Empty(await leases.ClaimDueAsync("w1", 1, Lease, CancellationToken.None));
        await leases.MakeDueAsync("alice@contoso.com", CancellationToken.None);
        Assert.Single(await leases.ClaimDueAsync("w1", 1, Lease, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_throttled_mailbox_waits_at_least_the_time_asked_even_when_made_due(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var leases = new MailboxLeases(context.Database, clock);
        await leases.TrackAsync(["alice@contoso.com", "bob@contoso.com"], CancellationToken.None);
        await leases.ClaimDueAsync("w1", 2, Lease, CancellationToken.None);
        await leases.ReleaseAsync("w1", "alice@contoso.com", clock.GetUtcNow(), clock.GetUtcNow().AddSeconds(30), CancellationToken.None);
        await leases.ReleaseAsync("w1", "bob@contoso.com", clock.GetUtcNow(), null, CancellationToken.None);

        await leases.MakeDueAsync("alice@contoso.com", CancellationToken.None);
        Assert.Equal(["bob@contoso.com"], await leases.ClaimDueAsync("w1", 2, Lease, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(["alice@contoso.com"], await leases.ClaimDueAsync("w1", 2, Lease, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Mailboxes_no_longer_configured_are_dropped(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var leases = new MailboxLeases(context.Database, TimeProvider.System);
        await leases.TrackAsync(["a@x.com", "b@x.com"], CancellationToken.None);

        await leases.TrackAsync(["b@x.com"], CancellationToken.None);

        Assert.Equal(["b@x.com"], await leases.ClaimDueAsync("w", 5, Lease, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_mailbox_made_due_while_it_runs_is_due_again_when_released(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var leases = new MailboxLeases(context.Database, clock);
        await leases.TrackAsync(["alice@contoso.com", "bob@contoso.com"], CancellationToken.None);
        Assert.Equal(2, (await leases.ClaimDueAsync("w1", 2, Lease, CancellationToken.None)).Count);

        await leases.MakeDueAsync("alice@contoso.com", CancellationToken.None);        // a change notification mid-run
        await leases.ReleaseAsync("w1", "alice@contoso.com", clock.GetUtcNow().AddHours(1), null, CancellationToken.None);
        await leases.ReleaseAsync("w1", "bob@contoso.com", clock.GetUtcNow().AddHours(1), null, CancellationToken.None);

        Assert.Equal(["alice@contoso.com"], await leases.ClaimDueAsync("w1", 2, Lease, CancellationToken.None));
        await leases.ReleaseAsync("w1", "alice@contoso.com", clock.GetUtcNow().AddHours(1), null, CancellationToken.None);
        Assert.Empty(await leases.ClaimDueAsync("w1", 2, Lease, CancellationToken.None));   // one notification, one extra run
    }
}
