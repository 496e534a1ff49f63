using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Store;

public sealed class SyncRunRepositoryTests
{
    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_finished_run_keeps_its_whole_report(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var runs = new SyncRunRepository(context.Database, TimeProvider.System);
        var report = new MailboxSyncReport("alice@contoso.com", "sales", new ObjectSyncReport { Conflicts = 2, Matched = 4, Unresolved = 1, Passes = 2 }, new ObjectSyncReport());
        report.Contacts.Created.Add(Side.Exchange);
        report.Contacts.Deleted.Add(Side.Crm);
        report.Contacts.Skip("private");
        report.Contacts.Errors.Add(new ReportedError("crm", "003A", "DUPLICATE_VALUE", "duplicate"));
        report.Contacts.Notes.Add("window moved");
        report.Events.Updated.Add(Side.Crm);

        var id = await runs.StartAsync("Alice@Contoso.com", "worker-1", CancellationToken.None);
        await runs.ReportProgressAsync(id, 7, 9, CancellationToken.None);
        await runs.FinishAsync(id, report, null, CancellationToken.None);
        var run = await runs.FindAsync(id, CancellationToken.None);
        var latest = await runs.FindLatestFinishedAsync("alice@contoso.com", succeededOnly: true, CancellationToken.None);

        Assert.NotNull(run);
        Assert.Equal(("alice@contoso.com", SyncRunStates.Succeeded, "worker-1", 7, 9), (run.Mailbox, run.State, run.WorkerId, run.ProgressDone, run.ProgressTotal));
        Assert.NotNull(run.FinishedAt);
        var contacts = run.Report!.Contacts;
        Assert.Equal((1, 1, 2, 4, 1, 2), (contacts.Created.Exchange, contacts.Deleted.Crm, contacts.Conflicts, contacts.Matched, contacts.Unresolved, contacts.Passes));
        Assert.Equal(1, contacts.Skipped["private"]);
        Assert.Equal("DUPLICATE_VALUE", Assert.Single(contacts.Errors).Code);
        Assert.Equal(["window moved"], contacts.Notes);
        Assert.Equal(1, run.Report.Events.Updated.Crm);
        Assert.Equal(id, latest?.Id);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Failed_runs_are_finished_but_not_successes(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var runs = new SyncRunRepository(context.Database, TimeProvider.System);
        var id = await runs.QueueAsync("alice@contoso.com", CancellationToken.None);
        Assert.Equal(SyncRunStates.Queued, (await runs.FindAsync(id, CancellationToken.None))!.State);

        Assert.Equal(id, await runs.StartAsync("alice@contoso.com", "w", CancellationToken.None));
        await runs.FinishAsync(id, null, "boom", CancellationToken.None);

        Assert.Equal(id, (await runs.FindLatestFinishedAsync("alice@contoso.com", succeededOnly: false, CancellationToken.None))?.Id);
        Assert.Null(await runs.FindLatestFinishedAsync("alice@contoso.com", succeededOnly: true, CancellationToken.None));
        Assert.Equal(SyncRunStates.Failed, (await runs.ListLatestAsync("alice@contoso.com", 5, CancellationToken.None)).Single().State);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_run_left_running_by_a_dead_worker_is_failed_when_the_mailbox_is_taken_over(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var runs = new SyncRunRepository(context.Database, TimeProvider.System);
        var requested = await runs.QueueAsync("alice@contoso.com", CancellationToken.None);
        var dead = await runs.StartAsync("alice@contoso.com", "worker-dead", CancellationToken.None);
        var otherMailbox = await runs.StartAsync("bob@contoso.com", "worker-dead", CancellationToken.None);

        var takeover = await runs.StartAsync("alice@contoso.com", "worker-alive", CancellationToken.None);

        Assert.Equal(requested, dead);
        Assert.NotEqual(dead, takeover);
        var abandoned = (await runs.FindAsync(dead, CancellationToken.None))!;
        Assert.Equal((SyncRunStates.Failed, SyncRunRepository.AbandonedError), (abandoned.State, abandoned.Error));
        Assert.NotNull(abandoned.FinishedAt);
        Assert.Equal((SyncRunStates.Running, "worker-alive"), ((await runs.FindAsync(takeover, CancellationToken.None))!.State, (await runs.FindAsync(takeover, CancellationToken.None))!.WorkerId));
        Assert.Equal(SyncRunStates.Running, (await runs.FindAsync(otherMailbox, CancellationToken.None))!.State);
    }
}
