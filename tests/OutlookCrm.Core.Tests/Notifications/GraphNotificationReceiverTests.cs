using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Core.Notifications;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Tests.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Notifications;

public sealed class GraphNotificationReceiverTests
{
    private const string Alice = "alice@contoso.com";
    private const string Bob = "bob@contoso.com";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Genuine_notifications_make_their_mailbox_due_once_and_forged_ones_nothing(StoreProvider provider)
    {
        await using var world = await World.CreateAsync(provider);
        var aliceSecret = await world.SubscribeAsync(Alice, "sub-alice");
        await world.SubscribeAsync(Bob, "sub-bob");

        var burst = Enumerable.Range(0, 100).Select(_ => new GraphNotification("sub-alice", aliceSecret, "updated", null))
            .Append(new GraphNotification("sub-bob", aliceSecret, "updated", null))          // Bob's id, Alice's secret
            .Append(new GraphNotification("sub-unknown", aliceSecret, "created", null))
            .Append(new GraphNotification(null, null, "created", null))
            .ToList();
        var due = await world.Receiver.AcceptAsync(burst, CancellationToken.None);

        Assert.Equal([Alice], due);
        Assert.Equal([Alice], await world.Leases.ClaimDueAsync("w", 5, Lease, CancellationToken.None));
    }

    [Fact]
    public async Task Lifecycle_events_drop_or_expire_our_subscription_and_make_the_mailbox_due()
    {
        await using var world = await World.CreateAsync(StoreProvider.Sqlite);
        var removed = await world.SubscribeAsync(Alice, "sub-removed");
        var reauthorize = await world.SubscribeAsync(Bob, "sub-reauthorize");

        var due = await world.Receiver.AcceptAsync(
            [new GraphNotification("sub-removed", removed, null, "subscriptionRemoved"), new GraphNotification("sub-reauthorize", reauthorize, null, "reauthorizationRequired")],
            CancellationToken.None);

        Assert.Equal([Alice, Bob], due);
        var held = Assert.Single(await world.Subscriptions.ListAsync(null, CancellationToken.None));
        Assert.Equal("sub-reauthorize", held.SubscriptionId);
        Assert.True(held.ExpiresAt <= world.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));      // the next run renews it
    }

    private sealed class World : IAsyncDisposable
    {
        private readonly StoreTestContext context;

        private World(StoreTestContext context)
        {
            this.context = context;
            Subscriptions = new GraphSubscriptionRepository(context.Database, Clock);
            Leases = new MailboxLeases(context.Database, Clock);
            Receiver = new GraphNotificationReceiver(Subscriptions, Leases, NullLogger<GraphNotificationReceiver>.Instance);
        }

        public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);
        public GraphSubscriptionRepository Subscriptions { get; }
        public MailboxLeases Leases { get; }
        public GraphNotificationReceiver Receiver { get; }

        public static async Task<World> CreateAsync(StoreProvider provider) => new(await StoreTestContext.CreateAsync(provider));

        /// <summary>A synced mailbox (its interval not yet due) with a contacts subscription; returns the clientState.</summary>
        public async Task<string> SubscribeAsync(string mailbox, string id)
        {
            await Leases.TrackAsync([.. (await Subscriptions.ListAsync(null, CancellationToken.None)).Select(s => s.Mailbox), mailbox], CancellationToken.None);
            Assert.Contains(mailbox, await Leases.ClaimDueAsync("earlier-run", 5, Lease, CancellationToken.None));
            await Leases.ReleaseAsync("earlier-run", mailbox, Clock.GetUtcNow().AddHours(1), null, CancellationToken.None);
            var secret = ClientStateSecret.New();
            await Subscriptions.SaveAsync(new StoredSubscription(mailbox, "contacts", id, ClientStateSecret.Hash(secret),
                "https://crm-sync.contoso.com/api/notifications/graph", Clock.GetUtcNow().AddDays(3)), CancellationToken.None);
            return secret;
        }

        public ValueTask DisposeAsync() => context.DisposeAsync();
    }
}
