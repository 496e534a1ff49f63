using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Engine;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Tests.Sync.Fakes;
using static OutlookCrm.Core.Tests.Sync.Fakes.Contacts;

namespace OutlookCrm.Core.Tests.Sync;

/// <summary>
/// Crash safety on a side whose changes don't carry the partner stamps (Graph): a run killed after
/// any create on that side, whose relation was never saved, is rerun after the CRM changed every
/// e-mail (so matching by content can't pair anything) and still ends without a duplicate — the
/// stamps are read back, and only after such an interruption.
/// </summary>
public sealed class InterruptedCreatesTests
{
    private const int CrmContacts = 6;
    private const int OutlookContacts = 5;

    [Fact]
    public async Task A_first_sync_killed_after_any_create_in_outlook_and_rerun_after_crm_edits_pairs_by_stamp()
    {
        var baseline = new World();
        await baseline.RunAsync();
        Assert.Equal(CrmContacts, baseline.Outlook.AppliedWrites);

        for (var position = 1; position <= CrmContacts; position++)
        {
            var w = new World();
            w.Outlook.CrashAfterWrites = position;
            await Assert.ThrowsAsync<SimulatedCrash>(() => w.RunAsync());
            foreach (var (id, contact) in w.Crm.Live.Where(c => c.Body.Emails[0].StartsWith("crm", StringComparison.Ordinal)).ToList())
            {
                w.Crm.Edit(id, c => c with { Emails = [$"renamed-{contact.Emails[0]}"] });
            }

            await w.RunAsync();

            Assert.Equal(1, w.Exchange.StampReads);
            Assert.Equal(CrmContacts + OutlookContacts, ByEmail(w.Crm).Count); // ByEmail throws on a duplicate
            Assert.Equal(ByEmail(w.Crm).Keys.Order(), ByEmail(w.Outlook).Keys.Order());
            Assert.Equal(CrmContacts, w.Outlook.Live.Count(c => c.Body.Emails[0].StartsWith("renamed-crm", StringComparison.Ordinal)));
            Assert.False(await w.Store.HasUnsavedCreatesAsync(SyncHarness<Contact>.Scope.Mailbox, ObjectKind.Contact, Side.Exchange, default));
            Assert.Equal(0, (await w.RunAsync()).Writes);
        }
    }

    [Fact]
    public async Task Without_the_stamps_the_same_rerun_would_create_the_interrupted_contacts_again()
    {
        var w = new World(stampsReadable: false);
        w.Outlook.CrashAfterWrites = 3;
        await Assert.ThrowsAsync<SimulatedCrash>(() => w.RunAsync());
        foreach (var (id, contact) in w.Crm.Live.Where(c => c.Body.Emails[0].StartsWith("crm", StringComparison.Ordinal)).ToList())
        {
            w.Crm.Edit(id, c => c with { Emails = [$"renamed-{contact.Emails[0]}"] });
        }

        await w.RunAsync();

        Assert.True(w.Outlook.Live.Count() > CrmContacts + OutlookContacts); // what the stamps prevent
    }

    [Fact]
    public async Task Runs_that_end_read_no_stamps_even_when_an_item_failed()
    {
        var w = new World();
        w.Outlook.FailWhen = write => write.Body?.Emails[0] == "crm2@fabrikam.com" ? new WriteError("ErrorInvalidRecipients", "bad", WriteErrorKind.Item) : null;

        await w.RunAsync();
        w.Outlook.FailWhen = null;
        await w.RunAsync();
        await w.RunAsync();

        Assert.Equal(0, w.Exchange.StampReads); // a failed create made nothing, so nothing is left to pair
        Assert.False(await w.Store.HasUnsavedCreatesAsync(SyncHarness<Contact>.Scope.Mailbox, ObjectKind.Contact, Side.Exchange, default));
        Assert.Equal(CrmContacts + OutlookContacts, ByEmail(w.Outlook).Count);
    }

    private sealed class World
    {
        public World(bool stampsReadable = true)
        {
            Exchange = new StampHidingSide(Outlook, stampsReadable);
            for (var i = 0; i < CrmContacts; i++)
            {
                Crm.Put(Person($"crm{i}@fabrikam.com", $"C{i}"));
            }

            for (var i = 0; i < OutlookContacts; i++)
            {
                Outlook.Put(Person($"ex{i}@contoso.com", $"E{i}"));
            }
        }

        public InMemorySide<Contact> Crm { get; } = new("003");
        public InMemorySide<Contact> Outlook { get; } = new("AAMk");
        public StampHidingSide Exchange { get; }
        public InMemorySyncStateStore Store { get; } = new();

        public Task<ObjectSyncReport> RunAsync() => new SyncEngine<Contact>(new ContactRules(), Store, TimeProvider.System, chunkSize: 2).RunAsync(
            new SyncJob<Contact>(ObjectKind.Contact, SyncHarness<Contact>.Scope, new ObjectSyncSettings(SyncDirection.Both, ConflictWinner.Crm, PropagateDeletes: true), Crm, Exchange),
            CancellationToken.None);
    }
}
