namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// Optional on a side whose change feed can report a deletion only under ids that are not the
/// deleted item's own: Graph's calendar view delta reports a deleted series as its occurrences,
/// never its master, and the master is the item the engine relates. The engine reads such a side's
/// changes with the ids it holds relations for on that side, so the side can report as deleted
/// those of them that are gone.
/// </summary>
public interface IRelatedChangeReader<T> where T : class
{
    /// <summary>As <see cref="ISyncSide{T}.ReadChangesAsync"/>; <paramref name="relatedIds"/> are this side's ids of every stored relation.</summary>
    IAsyncEnumerable<ChangePage<T>> ReadChangesAsync(SyncScope scope, string? cursor, IReadOnlySet<string> relatedIds, CancellationToken cancellationToken);
}
