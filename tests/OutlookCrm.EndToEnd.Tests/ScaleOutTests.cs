using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;

namespace OutlookCrm.EndToEnd.Tests;

public sealed class ScaleOutTests
{
    [Fact]
    public async Task Two_workers_on_one_postgres_store_sync_each_of_50_mailboxes_once_and_never_together()
    {
        var mailboxes = Enumerable.Range(0, 50).Select(i => $"user{i:D2}@contoso.com").ToList();
        await using var world = await SyncWorld.StartAsync(Backend.Graph, StoreProvider.Postgres, mailboxes);
        await world.SaveConfigurationAsync();
        var runs = world.Service<SyncRunRepository>();
        var workers = Enumerable.Range(0, 2).Select(_ => new SyncLoop(
            world.Service<MailboxLeases>(), world.Service<SyncConfigurationRepository>(), runs, world.Service<MailboxSyncJob>(),
            Options.Create(new SyncOptions { MaxConcurrentMailboxes = 4, Interval = TimeSpan.FromHours(1) }), TimeProvider.System,
            NullLogger<SyncLoop>.Instance)).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && (await FinishedAsync(runs, mailboxes)).Count < mailboxes.Count)
        {
            await Task.WhenAll(workers.Select(w => w.PollAsync(CancellationToken.None)));
            await Task.Delay(100);
        }

        var finished = await FinishedAsync(runs, mailboxes);
        Assert.Equal(mailboxes.Count, finished.Count);
        Assert.All(finished, r => Assert.True(r.State == SyncRunStates.Succeeded, r.Error));
        Assert.Equal(2, finished.Select(r => r.WorkerId).Distinct().Count());    // both workers took part
        foreach (var mailbox in mailboxes)
        {
            var all = await runs.ListLatestAsync(mailbox, 10, CancellationToken.None);
            Assert.Single(all);                                                     // once per round (the interval is an hour)
        }

        foreach (var w in workers)
        {
            w.Dispose();
        }
    }

    private static async Task<List<SyncRun>> FinishedAsync(SyncRunRepository runs, IEnumerable<string> mailboxes)
    {
        var finished = new List<SyncRun>();
        foreach (var mailbox in mailboxes)
        {
            finished.AddRange((await runs.ListLatestAsync(mailbox, 10, CancellationToken.None)).Where(r => r.FinishedAt is not null));
        }

        return finished;
    }
}
