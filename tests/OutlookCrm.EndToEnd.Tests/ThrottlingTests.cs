using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Emulators.Common.Admin;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>Throttling answers are waited out in full: the emulators' throttling record catches any early retry.</summary>
public sealed class ThrottlingTests
{
    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_throttled_read_is_retried_no_earlier_than_asked_and_then_succeeds(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Exchange.SeedContacts(SyncWorld.Mailbox, 30);
        var exchange = await world.Service<IConnectorSource>().MailboxAsync(CancellationToken.None);
        var admin = backend == Backend.Graph ? world.Exchange.Graph.Admin : world.Exchange.Ews.Admin;
        admin.Faults.Add([backend == Backend.Graph
            ? new FaultRule { Operation = "graph.contacts.delta", Count = 1, Status = 429, Code = "ApplicationThrottled", RetryAfterSeconds = 1 }
            : new FaultRule { Operation = "ews.SyncFolderItems", Count = 1, Status = 500, Code = "ErrorServerBusy", BackOffMilliseconds = 1000 }]);
        var scope = new SyncScope(SyncWorld.Mailbox, world.CrmUserId, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));

        var read = 0;
        await foreach (var page in exchange.Contacts.ReadChangesAsync(scope, null, CancellationToken.None))
        {
            read += page.Changed.Count;
        }

        Assert.Equal(30, read);
        Assert.Equal(0, admin.Faults.Pending);                 // the fault was met
        Assert.Contains(admin.Journal.Entries, e => e.Faulted);
        Assert.Empty(admin.Throttling.Violations);             // and nothing came back before its time
    }
}
