using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Exchange.Admin;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>
/// Graph throttles one mailbox for longer than the HTTP layer waits in-line, so the run hands the wait to the
/// scheduler. With one slot, the loop goes on to the other mailboxes and comes back to the throttled one no earlier
/// than asked — checked in the run records and in the emulator's journal and throttling record.
/// </summary>
public sealed class ThrottledMailboxTests
{
    private const string Throttled = "bob@contoso.com";
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_throttled_mailbox_waits_at_least_the_time_asked_while_the_others_are_synced()
    {
        string[] mailboxes = ["alice@contoso.com", Throttled, "carol@contoso.com"];
        await using var world = await SyncWorld.StartAsync(Backend.Graph, mailboxes: mailboxes,
            settings: [new("Http:Resilience:MaxInlineRetryAfter", "00:00:00.500")]);
        foreach (var mailbox in mailboxes)
        {
            world.Exchange.SeedContacts(mailbox, 3, i => new SeedContact { Surname = $"{mailbox[0]}{i}", EmailAddresses = [$"{mailbox[0]}{i}@example.com"] });
        }

        await world.SaveConfigurationAsync();
        var graph = world.Exchange.Graph.Admin;
        graph.Faults.Add([new FaultRule
        {
            Operation = "graph.contacts.delta", PathPrefix = $"/v1.0/users/{Throttled}/", Status = 429, Code = "ApplicationThrottled",
            RetryAfterSeconds = (int)RetryAfter.TotalSeconds, Count = 1,
        }]);
        var runs = world.Service<SyncRunRepository>();
        using var loop = new SyncLoop(world.Service<MailboxLeases>(), world.Service<SyncConfigurationRepository>(), runs, world.Service<MailboxSyncJob>(),
            Options.Create(new SyncOptions { MaxConcurrentMailboxes = 1, Interval = TimeSpan.FromHours(1) }), world.Service<TimeProvider>(),
            NullLogger<SyncLoop>.Instance);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !(await RunsAsync(runs, Throttled)).Any(r => r.State == SyncRunStates.Succeeded))
        {
            await loop.PollAsync(CancellationToken.None);
            await Task.Delay(100);
        }

        var bob = await RunsAsync(runs, Throttled);
        Assert.Equal([SyncRunStates.Failed, SyncRunStates.Succeeded], bob.Select(r => r.State));
        Assert.Contains("ApplicationThrottled", bob[0].Error, StringComparison.Ordinal);
        Assert.True(bob[1].StartedAt - bob[0].FinishedAt >= RetryAfter, $"resumed {bob[1].StartedAt - bob[0].FinishedAt} after the throttled run");
        var carol = Assert.Single(await RunsAsync(runs, "carol@contoso.com"));
        Assert.Equal(SyncRunStates.Succeeded, carol.State);
        Assert.True(carol.StartedAt >= bob[0].FinishedAt && carol.FinishedAt <= bob[1].StartedAt, "carol was synced while bob waited");
        Assert.Equal(SyncRunStates.Succeeded, Assert.Single(await RunsAsync(runs, "alice@contoso.com")).State);

        var bobCalls = graph.Journal.Entries.Where(e => e.Key == Throttled).OrderBy(e => e.At).ToList();
        var throttledAt = Assert.Single(bobCalls, e => e.Faulted && e.Status == 429).At;
        Assert.All(bobCalls.Where(e => e.At > throttledAt), e => Assert.True(e.At >= throttledAt + RetryAfter, $"{e.Operation} at {e.At:O}, throttled at {throttledAt:O}"));
        Assert.Contains(bobCalls, e => e.At > throttledAt);
        Assert.Empty(graph.Throttling.Violations);
    }

    private static async Task<List<SyncRun>> RunsAsync(SyncRunRepository runs, string mailbox) =>
        (await runs.ListLatestAsync(mailbox, 10, CancellationToken.None)).OrderBy(r => r.StartedAt).ToList();
}
