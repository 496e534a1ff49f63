namespace OutlookCrm.Core.Sync.State;

/// <summary>What the engine persists per mailbox and object kind: relations, change cursors, item errors.</summary>
public interface ISyncStateStore
{
    Task<IReadOnlyList<Relation>> LoadRelationsAsync(string mailbox, ObjectKind kind, CancellationToken cancellationToken);

    /// <summary>Saves one chunk's outcome atomically: pairs added or changed (matched by either id) and pairs removed.</summary>
    Task SaveRelationsAsync(string mailbox, ObjectKind kind, IReadOnlyList<Relation> upserts, IReadOnlyList<Relation> removals, CancellationToken cancellationToken);

    Task<string?> GetCursorAsync(string mailbox, ObjectKind kind, Side side, CancellationToken cancellationToken);

    Task SaveCursorAsync(string mailbox, ObjectKind kind, Side side, string cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="side"/> may hold items the sync created whose relations were never
    /// saved (a run stopped between the write and the save, or the mailbox was reset): only then
    /// are partner-id stamps worth reading back where that costs calls (<see cref="Ports.IPartnerStampReader{T}"/>).
    /// </summary>
    Task<bool> HasUnsavedCreatesAsync(string mailbox, ObjectKind kind, Side side, CancellationToken cancellationToken);

    /// <summary>Set before creating items on <paramref name="side"/>; cleared after a pass that saved its cursors.</summary>
    Task SetUnsavedCreatesAsync(string mailbox, ObjectKind kind, Side side, bool unsaved, CancellationToken cancellationToken);

    Task<IReadOnlyList<ItemError>> LoadItemErrorsAsync(string mailbox, ObjectKind kind, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt for each failure (parking it after the limit) and forgets the errors of items that went through.</summary>
    Task RecordItemOutcomesAsync(
        string mailbox, ObjectKind kind, IReadOnlyList<ItemFailure> failures, IReadOnlyList<(Side Side, string ItemId)> successes, CancellationToken cancellationToken);
}

public sealed record ItemFailure(Side SourceSide, string ItemId, string Code, string Message);
