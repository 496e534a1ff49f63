namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// Optional on a side whose change feed can't carry the partner ids stamped on the items the sync
/// created there (Graph delta can't <c>$expand</c> extended properties). Reading them costs extra
/// calls, so the engine asks only when a run may have been interrupted between creating items on
/// this side and saving their relations (see <see cref="State.ISyncStateStore.HasUnsavedCreatesAsync"/>).
/// </summary>
public interface IPartnerStampReader<T> where T : class
{
    /// <summary>
    /// Item id → the partner id stamped on it, for those of <paramref name="ids"/> that carry one.
    /// <paramref name="itemsOnSide"/> estimates how many items the side holds, so the side can choose
    /// between reading the given ids and listing every stamped item.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> ReadPartnerIdsAsync(SyncScope scope, IReadOnlyList<string> ids, int itemsOnSide, CancellationToken cancellationToken);
}
