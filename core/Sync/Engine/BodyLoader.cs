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
        var groups = wanted.Where(w => w.Pair.IdOn(w.Side) is not null && w.Pair.BodyOn(w.Side) is null && !w.Pair.DeletedOn(w.Side))
            .DistinctBy(w => (w.Side, w.Pair.IdOn(w.Side)))
            .GroupBy(w => w.Side)
            .Select(g => g.ToList())
            .ToList();
        // The two sides are different systems: ask them side by side, then fill the pairs on this thread.
        var reads = await Task.WhenAll(groups.Select(async group =>
        {
            var side = group[0].Side;
            var ids = group.Select(w => w.Pair.IdOn(side)!).ToList();
            return (await job.SideOf(side).ReadAsync(job.Scope, ids, cancellationToken)).ToDictionary(v => v.Id, StringComparer.Ordinal);
        }));
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var (side, pair) in groups[g])
            {
                var item = reads[g].GetValueOrDefault(pair.IdOn(side)!);
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
    }
}
