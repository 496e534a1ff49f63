using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.EndToEnd.Tests;

public sealed class SchedulingTests
{
    [Fact]
    public async Task The_once_pass_syncs_every_active_mailbox_and_records_the_run_with_its_report()
    {
        await using var world = await SyncWorld.StartAsync(Backend.Graph);
        world.Salesforce.Seed(new SeedRequest { Contacts = [new JsonObject { ["LastName"] = "Lee", ["Email"] = "lee@fabrikam.com", ["OwnerId"] = world.CrmUserId }] });
        await world.SaveConfigurationAsync();

        var outcomes = await world.Service<OncePass>().RunAsync(null, CancellationToken.None);

        var outcome = Assert.Single(outcomes);
        Assert.True(outcome.Succeeded, outcome.Error);
        var run = await world.Service<SyncRunRepository>().FindAsync(outcome.RunId!, CancellationToken.None);
        Assert.Equal(SyncRunStates.Succeeded, run!.State);
        Assert.Contains("ok", OncePass.Summary(outcomes), StringComparison.Ordinal);
        Assert.Equal(1, outcome.Report!.Contacts.Created.Exchange);
    }

    [Fact]
    public async Task A_mailbox_outside_every_configuration_fails_its_once_pass()
    {
        await using var world = await SyncWorld.StartAsync(Backend.Ews);

        var outcome = Assert.Single(await world.Service<OncePass>().RunAsync("nobody@contoso.com", CancellationToken.None));

        Assert.False(outcome.Succeeded);
        Assert.Contains("no active sync configuration", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_loop_syncs_due_mailboxes_and_a_requested_run_goes_ahead_of_the_schedule()
    {
        await using var world = await SyncWorld.StartAsync(Backend.Graph);
        await world.SaveConfigurationAsync();
        var loop = world.Service<SyncLoop>();
        var runs = world.Service<SyncRunRepository>();

        await loop.PollAsync(CancellationToken.None);                 // due at once: first sync
        await WaitForRunsAsync(runs, 1);
        await loop.PollAsync(CancellationToken.None);                 // not due again for the interval
        await Task.Delay(300);
        Assert.Single(await runs.ListLatestAsync(SyncWorld.Mailbox, 10, CancellationToken.None));

        var requested = await runs.QueueAsync(SyncWorld.Mailbox, CancellationToken.None);
        await loop.PollAsync(CancellationToken.None);
        await WaitForRunsAsync(runs, 2);

        Assert.Equal(SyncRunStates.Succeeded, (await runs.FindAsync(requested, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_running_loop_takes_up_a_freed_slot_without_waiting_for_its_next_poll()
    {
        string[] mailboxes = ["user1@contoso.com", "user2@contoso.com", "user3@contoso.com"];
        await using var world = await SyncWorld.StartAsync(Backend.Graph, mailboxes: mailboxes);
        await world.SaveConfigurationAsync();
        var runs = world.Service<SyncRunRepository>();
        // One mailbox at a time and a poll interval no test outlives: after the first poll, only a run's end can start the next run.
        using var loop = new SyncLoop(world.Service<MailboxLeases>(), world.Service<SyncConfigurationRepository>(), runs, world.Service<MailboxSyncJob>(),
            Options.Create(new SyncOptions { MaxConcurrentMailboxes = 1, PollInterval = TimeSpan.FromHours(1), Interval = TimeSpan.FromHours(1) }),
            TimeProvider.System, NullLogger<SyncLoop>.Instance);

        await loop.StartAsync(CancellationToken.None);
        for (var i = 0; i < 300 && (await SucceededAsync()).Count < mailboxes.Length; i++)
        {
            await Task.Delay(100);
        }

        await loop.StopAsync(CancellationToken.None);
        var succeeded = await SucceededAsync();
        Assert.Equal(mailboxes.Order(), succeeded.Select(r => r.Mailbox).Order());
        var ordered = succeeded.OrderBy(r => r.StartedAt).ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.First.FinishedAt <= pair.Second.StartedAt)); // one at a time

        async Task<List<SyncRun>> SucceededAsync()
        {
            var all = new List<SyncRun>();
            foreach (var mailbox in mailboxes)
            {
                all.AddRange((await runs.ListLatestAsync(mailbox, 10, CancellationToken.None)).Where(r => r.State == SyncRunStates.Succeeded));
            }

            return all;
        }
    }

    private static async Task WaitForRunsAsync(SyncRunRepository runs, int finished)
    {
        for (var i = 0; i < 300; i++)
        {
            var latest = await runs.ListLatestAsync(SyncWorld.Mailbox, 10, CancellationToken.None);
            if (latest.Count(r => r.State is SyncRunStates.Succeeded or SyncRunStates.Failed) >= finished)
            {
                Assert.All(latest.Where(r => r.State == SyncRunStates.Failed), r => Assert.Fail(r.Error));
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"no {finished} finished runs within 30 s");
    }
}
