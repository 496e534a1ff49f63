using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Engine;
using OutlookCrm.Core.Tests.Sync.Fakes;
using static OutlookCrm.Core.Tests.Sync.Fakes.Contacts;

namespace OutlookCrm.Core.Tests.Sync;

/// <summary>
/// The CRM and Exchange are different systems, so a run asks them side by side: a pass waits for the
/// slower side's read, not for the sum of both (at 500 ms a call, seconds per run).
/// </summary>
public sealed class SideBySideReadTests
{
    [Fact]
    public async Task Both_sides_changes_and_bodies_are_read_at_the_same_time()
    {
        // Neither side sends bodies with its changes, so the first pass reads bodies on both sides.
        var crm = new InMemorySide<Contact>("003", bodiesInChanges: false);
        var exchange = new InMemorySide<Contact>("AAMk", bodiesInChanges: false);
        crm.Put(Person("ann@fabrikam.com"));
        exchange.Put(Person("cy@contoso.com", "Cy"));
        var (changeReads, bodyReads) = (new Meeting("change reads"), new Meeting("body reads"));
        var store = new InMemorySyncStateStore();
        var job = new SyncJob<Contact>(ObjectKind.Contact, SyncHarness<Contact>.Scope,
            new ObjectSyncSettings(SyncDirection.Both, ConflictWinner.Crm, PropagateDeletes: true),
            new MeetingSide<Contact>(crm, changeReads, bodyReads), new MeetingSide<Contact>(exchange, changeReads, bodyReads));

        var report = await new SyncEngine<Contact>(new ContactRules(), store, TimeProvider.System).RunAsync(job, CancellationToken.None);

        Assert.Equal((1, 1), (report.Created.Crm, report.Created.Exchange));
        Assert.Equal(["ann@fabrikam.com", "cy@contoso.com"], ByEmail(crm).Keys.Order());
        Assert.Equal(["ann@fabrikam.com", "cy@contoso.com"], ByEmail(exchange).Keys.Order());
    }
}
