namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// One side (Exchange or CRM) for one object kind (<see cref="Domain.Contact"/> or
/// <see cref="Domain.CalendarEvent"/>), as the sync engine sees it: changes since a cursor, bodies
/// by id, and batched writes with one outcome per item. Implementations hide HTTP, paging and batching
/// (EWS SyncFolderItems + GetItem, Graph delta + $batch, Salesforce updated/deleted + collections).
/// </summary>
public interface ISyncSide<T> where T : class
{
    /// <summary>
    /// Pages of changes after <paramref name="cursor"/> (null: everything, a full scan). Each page
    /// carries the cursor to resume after it, so the engine saves progress page by page. When the
    /// cursor is no longer valid (Graph 410, EWS ErrorInvalidSyncStateData, a Salesforce window too
    /// old) the side starts a full scan and marks the pages <see cref="ChangePage{T}.IsFullScan"/>.
    /// </summary>
    IAsyncEnumerable<ChangePage<T>> ReadChangesAsync(SyncScope scope, string? cursor, CancellationToken cancellationToken);

    /// <summary>Current bodies and versions of the given ids, in as few calls as the protocol allows. Missing ids are left out.</summary>
    Task<IReadOnlyList<Versioned<T>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>Applies creates, updates and deletes in batches; one outcome per request, in any order, matched by <see cref="WriteRequest{T}.Key"/>.</summary>
    Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<T>> writes, CancellationToken cancellationToken);
}
