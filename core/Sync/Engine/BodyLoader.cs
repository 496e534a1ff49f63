using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>Reads the bodies a decision or a write needs and the change feed did not carry, per side.</summary>
internal static class BodyLoader
{
    /// <summary>
    /// Fills body and version of each (side, pair); an id the side no longer has is marked deleted
    /// there. All ids of a side go to it in one request: the side splits them into the batches its
    /// protocol allows (EWS GetItem 512 ids, Graph $batch 20, SOQL 200 ids per IN), so no batch is
    /// cut short by a chunk boundary of ours.
    /// </summary>
    public static async Task LoadAsync<T>(SyncJob<T> job, IEnumerable<(Side Side, Pair<T> Pair)> wanted, CancellationToken cancellationToken) where T : class
    {
        var missing = wanted.Where(w => w.Pair.IdOn(w.Side) is not null && w.Pair.BodyOn(w.Side) is null && !w.Pair.DeletedOn(w.Side))
            .DistinctBy(w => (w.Side, w.Pair.IdOn(w.Side)))
            .ToList();
        var found = await ReadAsync(job, missing.Select(w => (w.Side, w.Pair.IdOn(w.Side)!)), cancellationToken);
        foreach (var (side, pair) in missing)
        {
            var item = found[side].GetValueOrDefault(pair.IdOn(side)!);
            if (side == Side.Crm)
            {
                pair.CrmBody = item?.Body;
                pair.CrmVersion = item?.Version ?? pair.CrmVersion;
                pair.CrmDeleted = item is null;
            }
            else
            {
                pair.ExchangeBody = item?.Body;
                pair.ExchangeVersion = item?.Version ?? pair.ExchangeVersion;
                pair.ExchangeDeleted = item is null;
            }
        }
    }

    /// <summary>
    /// The current body and version of each (side, id), by side: one request per side with ids, the two
    /// sides asked side by side (they are different systems). An id the side no longer has is left out.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Side, Dictionary<string, Versioned<T>>>> ReadAsync<T>(
        SyncJob<T> job, IEnumerable<(Side Side, string Id)> ids, CancellationToken cancellationToken) where T : class
    {
        var bySide = ids.GroupBy(i => i.Side, i => i.Id).ToList();
        var reads = await Task.WhenAll(bySide.Select(async group =>
            (await job.SideOf(group.Key).ReadAsync(job.Scope, group.Distinct(StringComparer.Ordinal).ToList(), cancellationToken))
                .ToDictionary(v => v.Id, StringComparer.Ordinal)));
        var found = new Dictionary<Side, Dictionary<string, Versioned<T>>>
        {
            [Side.Crm] = new(StringComparer.Ordinal),
            [Side.Exchange] = new(StringComparer.Ordinal),
        };
        for (var g = 0; g < bySide.Count; g++)
        {
            found[bySide[g].Key] = reads[g];
        }

        return found;
    }
}
