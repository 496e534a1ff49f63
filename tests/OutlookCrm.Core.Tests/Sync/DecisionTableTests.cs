using OutlookCrm.Core.Sync;
using static OutlookCrm.Core.Sync.ItemState;

namespace OutlookCrm.Core.Tests.Sync;

public sealed class DecisionTableTests
{
    private static readonly ItemState[] States = [Absent, Unchanged, Changed, Deleted];

    public static IEnumerable<object[]> AllCells() =>
        from crm in States
        from exchange in States
        from direction in Enum.GetValues<SyncDirection>()
        from winner in Enum.GetValues<ConflictWinner>()
        from deletes in new[] { true, false }
        from same in new[] { true, false }
        select new object[] { crm, exchange, direction, winner, deletes, same };

    /// <summary>The rules every cell must obey, whatever the settings.</summary>
    [Theory]
    [MemberData(nameof(AllCells))]
    public void Every_cell_respects_direction_and_delete_rule(ItemState crm, ItemState exchange, SyncDirection direction, ConflictWinner winner, bool deletes, bool same)
    {
        var settings = new ObjectSyncSettings(direction, winner, deletes);

        var decision = DecisionTable.Decide(crm, exchange, settings, same);

        var target = decision.From.Other();
        var stateOf = (Side s) => s == Side.Crm ? crm : exchange;
        switch (decision.Kind)
        {
            case SyncActionKind.Copy:
                Assert.True(settings.Flows(decision.From), "copies only in the sync direction");
                Assert.True(stateOf(decision.From) is Changed or Unchanged, "copies only from a live item");
                Assert.False(crm == Changed && exchange == Changed && same, "equal content is no conflict");
                break;
            case SyncActionKind.Delete:
                Assert.True(deletes, "deletes only when the admin asked for it");
                Assert.True(settings.Flows(decision.From), "deletes only in the sync direction");
                Assert.Equal(Deleted, stateOf(decision.From));
                Assert.NotEqual(Deleted, stateOf(target));
                break;
        }

        if (direction == SyncDirection.None)
        {
            Assert.Equal(SyncActionKind.None, decision.Kind);
        }

        if (crm == Unchanged && exchange == Unchanged)
        {
            Assert.Equal(SyncActionKind.None, decision.Kind);
        }
    }

    /// <summary>Two-way, CRM wins, deletes propagated: the whole matrix spelled out.</summary>
    [Theory]
    [InlineData(Unchanged, Unchanged, SyncActionKind.None, null, false)]
    [InlineData(Changed, Unchanged, SyncActionKind.Copy, Side.Crm, false)]
    [InlineData(Unchanged, Changed, SyncActionKind.Copy, Side.Exchange, false)]
    [InlineData(Changed, Changed, SyncActionKind.Copy, Side.Crm, true)]
    [InlineData(Deleted, Unchanged, SyncActionKind.Delete, Side.Crm, false)]
    [InlineData(Unchanged, Deleted, SyncActionKind.Delete, Side.Exchange, false)]
    [InlineData(Deleted, Deleted, SyncActionKind.Unlink, null, false)]
    [InlineData(Changed, Deleted, SyncActionKind.Copy, Side.Crm, true)]
    [InlineData(Deleted, Changed, SyncActionKind.Delete, Side.Crm, true)]
    [InlineData(Changed, Absent, SyncActionKind.Copy, Side.Crm, false)]
    [InlineData(Absent, Changed, SyncActionKind.Copy, Side.Exchange, false)]
    [InlineData(Unchanged, Absent, SyncActionKind.Copy, Side.Crm, false)]
    [InlineData(Absent, Deleted, SyncActionKind.Unlink, null, false)]
    public void Two_way_crm_wins(ItemState crm, ItemState exchange, SyncActionKind kind, Side? from, bool conflict)
    {
        var decision = DecisionTable.Decide(crm, exchange, new ObjectSyncSettings(SyncDirection.Both, ConflictWinner.Crm, true), sameContent: false);

        Assert.Equal(kind, decision.Kind);
        if (from is { } side)
        {
            Assert.Equal(side, decision.From);
        }

        Assert.Equal(conflict, decision.Conflict);
    }

    [Theory]
    [InlineData(Changed, Changed, SyncActionKind.Copy, Side.Exchange)]
    [InlineData(Changed, Deleted, SyncActionKind.Delete, Side.Exchange)]
    [InlineData(Deleted, Changed, SyncActionKind.Copy, Side.Exchange)]
    public void Two_way_exchange_wins(ItemState crm, ItemState exchange, SyncActionKind kind, Side from)
    {
        var decision = DecisionTable.Decide(crm, exchange, new ObjectSyncSettings(SyncDirection.Both, ConflictWinner.Exchange, true), sameContent: false);

        Assert.Equal((kind, from, true), (decision.Kind, decision.From, decision.Conflict));
    }

    [Theory]
    [InlineData(Deleted, Unchanged, SyncActionKind.Unlink)]
    [InlineData(Changed, Deleted, SyncActionKind.Copy)]
    [InlineData(Deleted, Changed, SyncActionKind.Unlink)]
    public void Without_delete_propagation_a_delete_only_unlinks(ItemState crm, ItemState exchange, SyncActionKind kind)
    {
        var decision = DecisionTable.Decide(crm, exchange, new ObjectSyncSettings(SyncDirection.Both, ConflictWinner.Crm, false), sameContent: false);

        Assert.Equal(kind, decision.Kind);
    }

    [Theory]
    [InlineData(SyncDirection.CrmToExchange, Unchanged, Changed, SyncActionKind.None)]
    [InlineData(SyncDirection.CrmToExchange, Changed, Changed, SyncActionKind.Copy)]
    [InlineData(SyncDirection.CrmToExchange, Unchanged, Deleted, SyncActionKind.Unlink)]
    [InlineData(SyncDirection.ExchangeToCrm, Changed, Unchanged, SyncActionKind.None)]
    [InlineData(SyncDirection.ExchangeToCrm, Absent, Changed, SyncActionKind.Copy)]
    [InlineData(SyncDirection.ExchangeToCrm, Changed, Absent, SyncActionKind.None)]
    public void One_way_directions(SyncDirection direction, ItemState crm, ItemState exchange, SyncActionKind kind)
    {
        var decision = DecisionTable.Decide(crm, exchange, new ObjectSyncSettings(direction, ConflictWinner.Exchange, true), sameContent: false);

        Assert.Equal(kind, decision.Kind);
        if (kind == SyncActionKind.Copy)
        {
            Assert.Equal(direction == SyncDirection.CrmToExchange ? Side.Crm : Side.Exchange, decision.From);
        }
    }

    [Fact]
    public void Both_changed_to_the_same_content_is_not_a_conflict()
    {
        var decision = DecisionTable.Decide(Changed, Changed, new ObjectSyncSettings(SyncDirection.Both, ConflictWinner.Crm, true), sameContent: true);

        Assert.Equal(SyncActionKind.None, decision.Kind);
        Assert.False(decision.Conflict);
    }
}
