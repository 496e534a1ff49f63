using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Engine;
using OutlookCrm.Core.Sync.State;
using OutlookCrm.Core.Tests.Sync.Fakes;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Store;

public sealed class SqlSyncStateStoreTests
{
    private const string Mailbox = "alice@contoso.com";

    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Relations_are_replaced_by_either_id_and_kept_apart_per_kind(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);
        await store.SaveRelationsAsync(Mailbox, ObjectKind.Contact, [new Relation("003A", "v1", "AAA", "c1", "h1")], [], CancellationToken.None);
        await store.SaveRelationsAsync(Mailbox, ObjectKind.Event, [new Relation("00UA", "v1", "AAA", "c1", "h1")], [], CancellationToken.None);

        await store.SaveRelationsAsync(Mailbox, ObjectKind.Contact, [new Relation("003A", "v2", "BBB", "c2", "h2")], [], CancellationToken.None);

        Assert.Equal([new Relation("003A", "v2", "BBB", "c2", "h2")], await store.LoadRelationsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None));
        Assert.Single(await store.LoadRelationsAsync(Mailbox, ObjectKind.Event, CancellationToken.None));

        await store.SaveRelationsAsync(Mailbox, ObjectKind.Contact, [], [new Relation("003A", null, "BBB", null, "")], CancellationToken.None);
        Assert.Empty(await store.LoadRelationsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_matched_pair_not_yet_in_step_reads_back_pending_until_a_synced_relation_replaces_it(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);
        await store.SaveRelationsAsync(Mailbox, ObjectKind.Contact, [Relation.Matched("003A", "AAA")], [], CancellationToken.None);

        var pending = Assert.Single(await store.LoadRelationsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None));
        Assert.True(pending.IsPending);
        Assert.False(pending.IsAtSyncedVersion(Side.Crm, "v1", bySync: true));

        await store.SaveRelationsAsync(Mailbox, ObjectKind.Contact, [new Relation("003A", "v2", "AAA", "c2", "h2")], [], CancellationToken.None);
        Assert.False(Assert.Single(await store.LoadRelationsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None)).IsPending);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Relations_saved_many_at_once_are_replaced_and_removed_across_statement_chunks(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);
        var first = Enumerable.Range(0, 450).Select(i => new Relation($"003{i:D5}", "v1", $"AAA{i:D5}", "c1", $"h{i}") { LinksHash = i % 2 == 0 ? null : "l" }).ToList();
        await store.SaveRelationsAsync(Mailbox, ObjectKind.Contact, first, [], CancellationToken.None);

        // Every one re-paired: half by its CRM id, half by its Exchange id; the last 50 removed.
        var second = first.Take(400).Select((r, i) => i % 2 == 0 ? r with { ExchangeId = $"BBB{i:D5}", CrmVersion = "v2" } : r with { CrmId = $"00Q{i:D5}", CrmVersion = "v2" }).ToList();
        await store.SaveRelationsAsync(Mailbox, ObjectKind.Contact, second, first.Skip(400).ToList(), CancellationToken.None);

        var loaded = await store.LoadRelationsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None);
        Assert.Equal(second.OrderBy(r => r.CrmId, StringComparer.Ordinal), loaded.OrderBy(r => r.CrmId, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_relation_keeps_its_links_hash_and_the_crm_sides_link_state(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);
        var linked = new Relation("00UA", "v1", "AAA", "c1", "h1") { LinksHash = "l1", LinkState = "003A,00QB" };

        await store.SaveRelationsAsync(Mailbox, ObjectKind.Event, [linked], [], CancellationToken.None);

        var loaded = Assert.Single(await store.LoadRelationsAsync(Mailbox, ObjectKind.Event, CancellationToken.None));
        Assert.Equal(("l1", "003A,00QB"), (loaded.LinksHash, loaded.LinkState));
        Assert.Equal(linked, loaded);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Cursors_are_kept_per_mailbox_kind_and_side(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);

        await store.SaveCursorAsync(Mailbox, ObjectKind.Contact, Side.Exchange, "state-1", CancellationToken.None);
        await store.SaveCursorAsync(Mailbox, ObjectKind.Contact, Side.Exchange, "state-2", CancellationToken.None);

        Assert.Equal("state-2", await store.GetCursorAsync(Mailbox, ObjectKind.Contact, Side.Exchange, CancellationToken.None));
        Assert.Null(await store.GetCursorAsync(Mailbox, ObjectKind.Contact, Side.Crm, CancellationToken.None));
        Assert.Null(await store.GetCursorAsync(Mailbox, ObjectKind.Event, Side.Exchange, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_unsaved_creates_mark_is_kept_per_kind_and_side_apart_from_the_cursor(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);
        await store.SaveCursorAsync(Mailbox, ObjectKind.Contact, Side.Exchange, "state-1", CancellationToken.None);

        await store.SetUnsavedCreatesAsync(Mailbox, ObjectKind.Contact, Side.Exchange, true, CancellationToken.None);
        await store.SetUnsavedCreatesAsync(Mailbox, ObjectKind.Contact, Side.Exchange, true, CancellationToken.None);

        Assert.True(await store.HasUnsavedCreatesAsync(Mailbox, ObjectKind.Contact, Side.Exchange, CancellationToken.None));
        Assert.False(await store.HasUnsavedCreatesAsync(Mailbox, ObjectKind.Event, Side.Exchange, CancellationToken.None));
        Assert.False(await store.HasUnsavedCreatesAsync(Mailbox, ObjectKind.Contact, Side.Crm, CancellationToken.None));
        Assert.Equal("state-1", await store.GetCursorAsync(Mailbox, ObjectKind.Contact, Side.Exchange, CancellationToken.None));

        await store.SetUnsavedCreatesAsync(Mailbox, ObjectKind.Contact, Side.Exchange, false, CancellationToken.None);

        Assert.False(await store.HasUnsavedCreatesAsync(Mailbox, ObjectKind.Contact, Side.Exchange, CancellationToken.None));
        Assert.Equal("state-1", await store.GetCursorAsync(Mailbox, ObjectKind.Contact, Side.Exchange, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_item_error_is_parked_after_three_failed_runs_and_forgotten_on_success(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);
        var failure = new ItemFailure(Side.Exchange, "AAA", "INVALID_EMAIL_ADDRESS", "Email: invalid email address");

        for (var run = 1; run <= 3; run++)
        {
            await store.RecordItemOutcomesAsync(Mailbox, ObjectKind.Contact, [failure], [], CancellationToken.None);
            var error = Assert.Single(await store.LoadItemErrorsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None));
            Assert.Equal((run, run >= 3), (error.Attempts, error.Unresolved));
        }

        await store.RecordItemOutcomesAsync(Mailbox, ObjectKind.Contact, [], [(Side.Exchange, "AAA")], CancellationToken.None);
        Assert.Empty(await store.LoadItemErrorsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Successes_forget_only_their_own_sides_errors_however_many_at_once(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);
        await store.RecordItemOutcomesAsync(Mailbox, ObjectKind.Contact,
            [new ItemFailure(Side.Exchange, "AAA", "ErrorInvalidId", "x"), new ItemFailure(Side.Crm, "AAA", "INVALID_ID", "y"), new ItemFailure(Side.Exchange, "Z300", "ErrorInvalidId", "z")],
            [], CancellationToken.None);

        var successes = Enumerable.Range(0, 450).Select(i => (Side.Exchange, $"Z{i}")).Append((Side.Exchange, "AAA")).ToList();
        await store.RecordItemOutcomesAsync(Mailbox, ObjectKind.Contact, [], successes, CancellationToken.None);

        var left = Assert.Single(await store.LoadItemErrorsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None));
        Assert.Equal((Side.Crm, "AAA"), (left.SourceSide, left.ItemId));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_engine_on_the_sql_store_syncs_once_and_then_writes_nothing(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var store = new SqlSyncStateStore(context.Database, TimeProvider.System);
        var crm = new InMemorySide<Contact>("003");
        var exchange = new InMemorySide<Contact>("AAMk", bodiesInChanges: false);
        for (var i = 0; i < 12; i++)
        {
            crm.Put(Contacts.Person($"c{i}@fabrikam.com"));
            exchange.Put(Contacts.Person($"e{i}@contoso.com"));
        }

        var engine = new SyncEngine<Contact>(new ContactRules(), store, TimeProvider.System, chunkSize: 5);
        var job = new SyncJob<Contact>(ObjectKind.Contact, SyncHarness<Contact>.Scope, new ObjectSyncSettings(SyncDirection.Both, ConflictWinner.Crm, true), crm, exchange);
        var first = await engine.RunAsync(job, CancellationToken.None);
        var second = await engine.RunAsync(job, CancellationToken.None);

        Assert.Equal(24, first.Writes);
        Assert.Equal(0, second.Writes);
        Assert.Equal(24, (await store.LoadRelationsAsync(job.Scope.Mailbox, ObjectKind.Contact, CancellationToken.None)).Count);
    }
}
