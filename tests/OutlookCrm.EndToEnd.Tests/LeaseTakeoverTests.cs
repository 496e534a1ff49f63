using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>
/// A worker dies in the middle of its runs: its work stops for good and its leases are never released (no graceful
/// shutdown). Another worker takes its mailboxes only once the leases expire, and finishes them with no duplicate
/// on either side. The product's clock is moved past the lease instead of waiting two real minutes.
/// </summary>
public sealed class LeaseTakeoverTests
{
    private const int ContactsPerMailbox = 250;   // two write chunks of 200: the worker dies between them

    [Fact]
    public async Task A_dead_workers_mailboxes_are_taken_over_after_the_lease_expires_and_end_with_no_duplicates()
    {
        string[] mailboxes = ["alice@contoso.com", "bob@contoso.com"];
        await using var world = await SyncWorld.StartAsync(Backend.Graph, StoreProvider.Postgres, mailboxes);
        foreach (var mailbox in mailboxes)
        {
            var prefix = mailbox.Split('@')[0];
            world.Exchange.SeedContacts(mailbox, ContactsPerMailbox, i => new SeedContact
            {
                GivenName = $"Given{i}", Surname = $"{prefix}{i}", EmailAddresses = [$"{prefix}.contact{i}@example.com"],
            });
        }

        await world.SaveConfigurationAsync();
        var settings = new SyncOptions { Interval = TimeSpan.FromHours(1) };
        var leases = world.Service<MailboxLeases>();
        var runs = world.Service<SyncRunRepository>();

        await leases.TrackAsync(mailboxes, CancellationToken.None);
        var claimedAt = world.Clock.GetUtcNow();
        Assert.Equal(mailboxes, (await leases.ClaimDueAsync("dead-worker", 4, settings.LeaseDuration, CancellationToken.None)).Order());
        await Task.WhenAll(mailboxes.Select(m => DieMidRunAsync(world, m)));
        Assert.All(mailboxes, m => Assert.InRange(CrmContacts(world, m).Count, 1, ContactsPerMailbox - 1));   // really mid-run

        var survivor = new SyncLoop(leases, world.Service<SyncConfigurationRepository>(), runs, world.Service<MailboxSyncJob>(),
            Options.Create(settings), world.Service<TimeProvider>(), NullLogger<SyncLoop>.Instance);
        await survivor.PollAsync(CancellationToken.None);
        Assert.Empty(await leases.ClaimDueAsync("probe", 4, settings.LeaseDuration, CancellationToken.None));   // still held by the dead worker

        world.Wait(settings.LeaseDuration + TimeSpan.FromSeconds(1));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && (await FinishedAsync(runs, mailboxes)).Count < mailboxes.Length)
        {
            await survivor.PollAsync(CancellationToken.None);
            await Task.Delay(200);
        }

        var finished = await FinishedAsync(runs, mailboxes);
        Assert.Equal(mailboxes.Length, finished.Count);
        Assert.All(finished, r => Assert.True(r.State == SyncRunStates.Succeeded, r.Error));
        Assert.All(finished, r => Assert.Equal(survivor.WorkerId, r.WorkerId));
        Assert.All(finished, r => Assert.True(r.StartedAt >= claimedAt + settings.LeaseDuration, $"taken over at {r.StartedAt:O}, before the lease ran out"));
        foreach (var mailbox in mailboxes)
        {
            var crm = CrmContacts(world, mailbox);
            Assert.Equal(ContactsPerMailbox, crm.Count);
            Assert.Equal(ContactsPerMailbox, crm.Select(c => (string?)c["Email"]).Distinct().Count());
            var exchange = world.Exchange.Store.List(world.Exchange.Store.FindMailbox(mailbox)!.Id, FolderKind.Contacts).OfType<ContactItem>().ToList();
            Assert.Equal(ContactsPerMailbox, exchange.Count);
            Assert.Equal(ContactsPerMailbox, exchange.Select(c => c.EmailAddresses[0]?.Address).Distinct().Count());
        }

        survivor.Dispose();
    }

    /// <summary>Syncs the mailbox under the dead worker's lease and stops for good after the first chunk of CRM writes: no release, no renewal.</summary>
    private static async Task DieMidRunAsync(SyncWorld world, string mailbox)
    {
        using var death = new CancellationTokenSource();
        var progress = new Interrupt(death);
        var run = world.Service<MailboxSyncRunner>().RunAsync(world.Configuration with { Users = world.Mailboxes }, mailbox, progress, death.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static List<Emulators.Salesforce.Store.SObjectRecord> CrmContacts(SyncWorld world, string mailbox)
    {
        var owner = world.CrmRecords("User").Single(u => (string?)u["Username"] == mailbox).Id;
        return world.CrmRecords("Contact").Where(c => (string?)c["OwnerId"] == owner).ToList();
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

    /// <summary>The worker's death: the first progress report (a chunk written and its relations saved) stops everything.</summary>
    private sealed class Interrupt(CancellationTokenSource death) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            if (value.Done > 0)
            {
                death.Cancel();
            }
        }
    }
}
