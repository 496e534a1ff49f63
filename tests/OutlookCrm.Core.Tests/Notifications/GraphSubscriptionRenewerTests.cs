using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Connectors.Graph.Subscriptions;
using OutlookCrm.Core.Notifications;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Tests.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Notifications;

public sealed class GraphSubscriptionRenewerTests : IAsyncLifetime
{
    private const string Alice = "alice@contoso.com";
    private const string Bob = "bob@contoso.com";
    private const string BaseUrl = "https://crm-sync.contoso.com";
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeGraphSubscriptions graph = new();
    private StoreTestContext context = null!;
    private GraphSubscriptionRepository store = null!;

    public async Task InitializeAsync()
    {
        context = await StoreTestContext.CreateAsync(StoreProvider.Sqlite);
        store = new GraphSubscriptionRepository(context.Database, clock);
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task A_mailbox_without_subscriptions_gets_one_for_contacts_and_one_for_events_each_with_its_own_secret()
    {
        await Renewer().EnsureAsync(Alice, CancellationToken.None);

        Assert.Equal([GraphSubscriptionResource.Contacts, GraphSubscriptionResource.Events], graph.Created.Select(c => c.Resource));
        Assert.All(graph.Created, c => Assert.Equal(new Uri($"{BaseUrl}/api/notifications/graph"), c.Url));
        Assert.All(graph.Created, c => Assert.Equal(clock.GetUtcNow() + TimeSpan.FromDays(3), c.Expiration));
        Assert.NotEqual(graph.Created[0].ClientState, graph.Created[1].ClientState);
        var held = await store.ListAsync(Alice, CancellationToken.None);
        Assert.Equal(["contacts", "events"], held.Select(h => h.Resource));
        Assert.True(ClientStateSecret.Matches(graph.Created[0].ClientState, held[0].ClientStateHash));
        Assert.False(ClientStateSecret.Matches(graph.Created[1].ClientState, held[0].ClientStateHash));
        Assert.DoesNotContain(held, h => h.ClientStateHash.Contains(graph.Created[0].ClientState, StringComparison.Ordinal));   // only the hash is kept
    }

    [Fact]
    public async Task Subscriptions_are_renewed_only_inside_the_margin_and_recreated_once_expired()
    {
        var renewer = Renewer();
        await renewer.EnsureAsync(Alice, CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(1));                           // 2 days left: nothing to do
        await renewer.EnsureAsync(Alice, CancellationToken.None);
        Assert.Empty(graph.Renewed);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));   // 23 hours left: renew
        await renewer.EnsureAsync(Alice, CancellationToken.None);
        Assert.Equal(["sub-1", "sub-2"], graph.Renewed.Select(r => r.Id));
        Assert.All(await store.ListAsync(Alice, CancellationToken.None), s => Assert.Equal(clock.GetUtcNow() + TimeSpan.FromDays(3), s.ExpiresAt));

        clock.Advance(TimeSpan.FromDays(4));                           // expired: Graph has dropped them
        await renewer.EnsureAsync(Alice, CancellationToken.None);
        Assert.Equal(4, graph.Created.Count);
        Assert.Equal(["sub-3", "sub-4"], (await store.ListAsync(Alice, CancellationToken.None)).Select(s => s.SubscriptionId));
        Assert.Equal(2, graph.Renewed.Count);
    }

    [Fact]
    public async Task A_subscription_Graph_no_longer_has_is_created_again_at_renewal()
    {
        var renewer = Renewer();
        await renewer.EnsureAsync(Alice, CancellationToken.None);
        graph.Lost.Add("sub-1");

        clock.Advance(TimeSpan.FromDays(2.5));
        await renewer.EnsureAsync(Alice, CancellationToken.None);

        Assert.Equal(["sub-2"], graph.Renewed.Select(r => r.Id));
        Assert.Equal(["sub-3", "sub-2"], (await store.ListAsync(Alice, CancellationToken.None)).Select(s => s.SubscriptionId));
    }

    [Fact]
    public async Task Subscriptions_of_mailboxes_no_longer_configured_are_deleted_at_Graph_and_forgotten()
    {
        var renewer = Renewer();
        await renewer.EnsureAsync(Alice, CancellationToken.None);
        await renewer.EnsureAsync(Bob, CancellationToken.None);

        await renewer.PruneAsync(new HashSet<string> { Alice }, CancellationToken.None);

        Assert.Equal(["sub-3", "sub-4"], graph.Deleted);
        Assert.Equal([Alice, Alice], (await store.ListAsync(null, CancellationToken.None)).Select(s => s.Mailbox));
    }

    [Fact]
    public async Task A_new_notification_url_replaces_the_subscriptions_made_for_the_old_one()
    {
        await Renewer().EnsureAsync(Alice, CancellationToken.None);

        await Renewer("https://sync.contoso.com").EnsureAsync(Alice, CancellationToken.None);

        Assert.Equal(["sub-1", "sub-2"], graph.Deleted);
        Assert.All(await store.ListAsync(Alice, CancellationToken.None), s => Assert.Equal("https://sync.contoso.com/api/notifications/graph", s.NotificationUrl));
    }

    [Fact]
    public async Task Without_a_notification_url_or_with_EWS_nothing_is_subscribed_and_held_subscriptions_are_dropped()
    {
        await Renewer().EnsureAsync(Alice, CancellationToken.None);
        var ews = new FakeConnectorSource(new FakeEwsConnector());

        await Renewer(null).EnsureAsync(Bob, CancellationToken.None);
        await Renewer(connectors: ews).EnsureAsync(Bob, CancellationToken.None);
        Assert.Equal(2, graph.Created.Count);

        await Renewer(connectors: ews).PruneAsync(new HashSet<string> { Alice }, CancellationToken.None);
        Assert.Empty(await store.ListAsync(null, CancellationToken.None));
        Assert.Empty(graph.Deleted);                                   // an EWS connection can't reach Graph; they expire by themselves
    }

    [Fact]
    public async Task A_failed_subscription_is_logged_and_the_run_goes_on()
    {
        graph.CreateFailure = new GraphServiceException(HttpStatusCode.BadRequest, "ValidationError", "Subscription validation request failed.");

        await Renewer().EnsureAsync(Alice, CancellationToken.None);

        Assert.Empty(await store.ListAsync(Alice, CancellationToken.None));
        graph.CreateFailure = null;
        await Renewer().EnsureAsync(Alice, CancellationToken.None);    // the next run tries again
        Assert.Equal(2, (await store.ListAsync(Alice, CancellationToken.None)).Count);
    }

    private GraphSubscriptionRenewer Renewer(string? baseUrl = BaseUrl, FakeConnectorSource? connectors = null) =>
        new(store, connectors ?? new FakeConnectorSource(new FakeGraphConnector(graph)),
            Options.Create(new SyncOptions { NotificationUrl = baseUrl }), clock, NullLogger<GraphSubscriptionRenewer>.Instance);
}
