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
        foreach (var group in wanted.Where(w => w.Pair.IdOn(w.Side) is not null && w.Pair.BodyOn(w.Side) is null && !w.Pair.DeletedOn(w.Side))
                     .DistinctBy(w => (w.Side, w.Pair.IdOn(w.Side)))
                     .GroupBy(w => w.Side))
        {
            var ids = group.Select(w => w.Pair.IdOn(group.Key)!).ToList();
            var found = (await job.SideOf(group.Key).ReadAsync(job.Scope, ids, cancellationToken)).ToDictionary(v => v.Id, StringComparer.Ordinal);
            foreach (var (side, pair) in group)
            {
                var item = found.GetValueOrDefault(pair.IdOn(side)!);
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
