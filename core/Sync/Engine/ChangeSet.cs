using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>Everything one side reported since its cursor: versions (and bodies where given), deletions, the cursor after.</summary>
internal sealed class ChangeSet<T> where T : class
{
    public Dictionary<string, string> Versions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, T> Bodies { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Deleted { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids whose last change the side attributes to the sync's own account (<see cref="ChangedItem{T}.BySync"/>).</summary>
    public HashSet<string> BySync { get; } = new(StringComparer.Ordinal);
    public string? Cursor { get; private set; }
    public bool IsFullScan { get; private set; }
    public string? FullScanReason { get; private set; }

    /// <summary>Reads every page; a body <paramref name="keepBody"/> turns down (an item the engine won't need to look at) is not kept.</summary>
    /// <param name="relatedIds">This side's ids of the stored relations, for a side that needs them to see every deletion (<see cref="IRelatedChangeReader{T}"/>).</param>
    public static async Task<ChangeSet<T>> ReadAsync(
        ISyncSide<T> side, SyncScope scope, string? cursor, IReadOnlySet<string> relatedIds, Func<ChangedItem<T>, bool> keepBody,
        CancellationToken cancellationToken)
    {
        var set = new ChangeSet<T> { Cursor = cursor };
        var pages = side is IRelatedChangeReader<T> reader
            ? reader.ReadChangesAsync(scope, cursor, relatedIds, cancellationToken)
            : side.ReadChangesAsync(scope, cursor, cancellationToken);
        await foreach (var page in pages)
        {
            if (page.IsFullScan && !set.IsFullScan)
            {
                // A restarted scan (expired cursor) replaces whatever the incremental read had collected.
                set.Versions.Clear();
                set.Bodies.Clear();
                set.Deleted.Clear();
                set.BySync.Clear();
                set.IsFullScan = true;
                set.FullScanReason = page.FullScanReason;
            }

            foreach (var item in page.Changed)
            {
                set.Deleted.Remove(item.Id);
                set.Versions[item.Id] = item.Version;
                if (item.Body is not null && keepBody(item))
                {
                    set.Bodies[item.Id] = item.Body;
                }
                else
                {
                    set.Bodies.Remove(item.Id);
                }

                if (item.BySync)
                {
                    set.BySync.Add(item.Id);
                }
                else
                {
                    set.BySync.Remove(item.Id);
                }
            }

            foreach (var id in page.Deleted)
            {
                set.Versions.Remove(id);
                set.Bodies.Remove(id);
                set.BySync.Remove(id);
                set.Deleted.Add(id);
            }

            set.Cursor = page.Cursor;
        }

        return set;
    }
}
