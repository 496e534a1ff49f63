namespace OutlookCrm.Core.Sync;

/// <summary>How one side of a pair looks since the last sync.</summary>
public enum ItemState
{
    /// <summary>No item on this side (a new item on the other side, not matched).</summary>
    Absent,
    Unchanged,
    Changed,
    Deleted,
}

public enum SyncActionKind
{
    None,

    /// <summary>Write the source's content over the target (create when the target is absent).</summary>
    Copy,

    /// <summary>Delete the target item.</summary>
    Delete,

    /// <summary>Forget the pair; both items (if any) stay where they are.</summary>
    Unlink,
}

/// <summary>One decision: what to do, from which side, and whether it settled a conflict.</summary>
public sealed record SyncDecision(SyncActionKind Kind, Side From, bool Conflict, string Rule)
{
    public static SyncDecision Nothing(string rule) => new(SyncActionKind.None, Side.Crm, false, rule);
}

/// <summary>
/// GenSync's state matrix: each side of a pair is absent / unchanged / changed / deleted, and every
/// cell maps to one action under the admin's direction, conflict winner and delete rule. "Changed"
/// means the mapped content changed (echoes and edits of unmapped fields were already ruled out by
/// the content hash). Both sides changed to the same content is not a conflict.
/// </summary>
public static class DecisionTable
{
    public static SyncDecision Decide(ItemState crm, ItemState exchange, ObjectSyncSettings settings, bool sameContent)
    {
        if (settings.Direction == SyncDirection.None)
        {
            return SyncDecision.Nothing("direction none");
        }

        return (crm, exchange) switch
        {
            (ItemState.Absent, ItemState.Absent) or (ItemState.Deleted, ItemState.Deleted) or (ItemState.Absent, ItemState.Deleted) or (ItemState.Deleted, ItemState.Absent)
                => new SyncDecision(SyncActionKind.Unlink, Side.Crm, false, "gone on both sides"),
            (ItemState.Unchanged, ItemState.Unchanged) => SyncDecision.Nothing("unchanged"),
            (ItemState.Changed or ItemState.Unchanged, ItemState.Absent) => CopyIfFlows(Side.Crm, "new in CRM", settings),
            (ItemState.Absent, ItemState.Changed or ItemState.Unchanged) => CopyIfFlows(Side.Exchange, "new in Exchange", settings),
            (ItemState.Changed, ItemState.Unchanged) => CopyIfFlows(Side.Crm, "changed in CRM", settings),
            (ItemState.Unchanged, ItemState.Changed) => CopyIfFlows(Side.Exchange, "changed in Exchange", settings),
            (ItemState.Changed, ItemState.Changed) => BothChanged(settings, sameContent),
            (ItemState.Deleted, ItemState.Unchanged) => DeleteIfFlows(Side.Crm, settings, "deleted in CRM"),
            (ItemState.Unchanged, ItemState.Deleted) => DeleteIfFlows(Side.Exchange, settings, "deleted in Exchange"),
            (ItemState.Deleted, ItemState.Changed) => ChangeAgainstDelete(changed: Side.Exchange, settings),
            (ItemState.Changed, ItemState.Deleted) => ChangeAgainstDelete(changed: Side.Crm, settings),
            _ => throw new ArgumentOutOfRangeException(nameof(crm), $"{crm}/{exchange}"),
        };
    }

    private static SyncDecision CopyIfFlows(Side from, string rule, ObjectSyncSettings settings) =>
        settings.Flows(from) ? new SyncDecision(SyncActionKind.Copy, from, false, rule) : SyncDecision.Nothing(rule + ", not synced this way");

    /// <summary>A delete travels only in the sync direction and when the admin asked for it; otherwise the pair is forgotten.</summary>
    private static SyncDecision DeleteIfFlows(Side from, ObjectSyncSettings settings, string rule) =>
        settings.Flows(from) && settings.PropagateDeletes
            ? new SyncDecision(SyncActionKind.Delete, from, false, rule)
            : new SyncDecision(SyncActionKind.Unlink, from, false, rule + ", not propagated");

    private static SyncDecision BothChanged(ObjectSyncSettings settings, bool sameContent)
    {
        if (sameContent)
        {
            return SyncDecision.Nothing("both changed to the same content");
        }

        // One-way sync: the source side is the truth; two-way: the admin's winner.
        var from = settings.Direction switch
        {
            SyncDirection.CrmToExchange => Side.Crm,
            SyncDirection.ExchangeToCrm => Side.Exchange,
            _ => settings.ConflictWinner == ConflictWinner.Crm ? Side.Crm : Side.Exchange,
        };
        return new SyncDecision(SyncActionKind.Copy, from, true, "conflict: both changed");
    }

    /// <summary>
    /// One side changed the item, the other deleted it. The winning side decides: a winning change
    /// recreates the item on the side that deleted it; a winning delete is propagated (or unlinks).
    /// </summary>
    private static SyncDecision ChangeAgainstDelete(Side changed, ObjectSyncSettings settings)
    {
        var deleted = changed.Other();
        var winner = settings.Direction switch
        {
            SyncDirection.CrmToExchange => Side.Crm,
            SyncDirection.ExchangeToCrm => Side.Exchange,
            _ => settings.ConflictWinner == ConflictWinner.Crm ? Side.Crm : Side.Exchange,
        };
        if (winner == changed)
        {
            return new SyncDecision(SyncActionKind.Copy, changed, true, "conflict: changed against deleted, change wins");
        }

        return settings.PropagateDeletes
            ? new SyncDecision(SyncActionKind.Delete, deleted, true, "conflict: changed against deleted, delete wins")
            : new SyncDecision(SyncActionKind.Unlink, deleted, true, "conflict: changed against deleted, delete wins, not propagated");
    }
}
