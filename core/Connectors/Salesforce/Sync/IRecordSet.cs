using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>
/// How the records of one sObject become sync items, and how a batch of writes is finished. A
/// Contact is one item; an Event series is many occurrence records that make one item, and an
/// Event written from Exchange also carries its attendees as EventRelations.
/// </summary>
internal interface IRecordSet<T> where T : class
{
    /// <summary>Narrows the full scan's Id + SystemModstamp pages (events: no series occurrences), or null.</summary>
    SoqlCondition? ScanFilter { get; }

    /// <summary>
    /// Items the scan's pages leave out (events: one per series), listed after its last page; each record
    /// read for them goes to <paramref name="read"/>, so the next read knows it was reported as it is.
    /// </summary>
    Task<IReadOnlyList<ChangedItem<T>>> ScanRestAsync(SyncScope scope, Action<JsonElement> read, CancellationToken cancellationToken);

    /// <summary>Records read by id or from the change feed, as items.</summary>
    Task<IReadOnlyList<Versioned<T>>> ItemsAsync(SyncScope scope, IReadOnlyList<JsonElement> records, CancellationToken cancellationToken);

    /// <summary>Items that changed because these records were deleted (events: a series that lost an occurrence).</summary>
    Task<IReadOnlyList<Versioned<T>>> ChangedByDeletesAsync(SyncScope scope, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken);

    /// <summary>The ids among <paramref name="ids"/> that a plain delete would not remove whole (events: series).</summary>
    Task<IReadOnlySet<string>> WholeDeletesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// After a batch's records are saved: the rest of each write (an event's occurrences and
    /// EventRelations) and every saved item's outcome with its new version. The records are written
    /// and their outcomes must be told, so a Salesforce error here becomes a loss or an unknown
    /// version, not a failure; only lost authentication stops the run (a rerun upserts the same records).
    /// </summary>
    Task<IReadOnlyList<WriteOutcome>> FinishAsync(SyncScope scope, IReadOnlyList<SavedWrite<T>> saved, CancellationToken cancellationToken);
}

/// <summary>A create or update that Salesforce accepted, with the record's id.</summary>
internal sealed record SavedWrite<T>(WriteRequest<T> Request, string Id) where T : class;
