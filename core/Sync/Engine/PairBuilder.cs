using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// Turns relations, both change sets and the items due for a retry into pairs: relations touched on
/// either side, and new items. A full scan also reveals deletions: a related item it did not see is gone.
/// </summary>
internal sealed class PairBuilder<T> where T : class
{
    private readonly Dictionary<string, Relation> byCrm;
    private readonly Dictionary<string, Relation> byExchange;
    private readonly Dictionary<Relation, Pair<T>> related = [];
    private readonly Dictionary<(Side, string), Pair<T>> unrelated = [];

    public PairBuilder(IReadOnlyList<Relation> relations)
    {
        byCrm = relations.ToDictionary(r => r.CrmId, StringComparer.Ordinal);
        byExchange = relations.ToDictionary(r => r.ExchangeId, StringComparer.Ordinal);
    }

    public bool IsRelated(Side side, string id) => (side == Side.Crm ? byCrm : byExchange).ContainsKey(id);

    /// <summary>Whether a reported item's body is worth keeping: not for a related item still as the last sync left it.</summary>
    public bool NeedsBody(Side side, ChangedItem<T> item) =>
        !(side == Side.Crm ? byCrm : byExchange).TryGetValue(item.Id, out var relation) || !relation.IsAtSyncedVersion(side, item.Version, item.BySync);

    public void AddChanges(Side side, ChangeSet<T> changes)
    {
        foreach (var (id, version) in changes.Versions)
        {
            var pair = Touch(side, id, create: true)!;
            Set(pair, side, version, changes.Bodies.GetValueOrDefault(id), deleted: false);
            if (side == Side.Crm)
            {
                pair.CrmBySync = changes.BySync.Contains(id);
            }
            else
            {
                pair.ExchangeBySync = changes.BySync.Contains(id);
            }
        }

        changes.Bodies.Clear(); // the pairs hold them now: let each go as soon as its pair is written
        changes.Bodies.TrimExcess();
        foreach (var id in changes.Deleted)
        {
            if (Touch(side, id, create: false) is { } pair)
            {
                Set(pair, side, null, null, deleted: true);
            }
        }

        if (changes.IsFullScan)
        {
            foreach (var relation in byCrm.Values.Where(r => !changes.Versions.ContainsKey(r.IdOn(side)) && !changes.Deleted.Contains(r.IdOn(side))))
            {
                Set(Touch(side, relation.IdOn(side), create: false)!, side, null, null, deleted: true);
            }
        }
    }

    /// <summary>Items whose last write failed come back for another try even without a new change.</summary>
    public void AddRetries(IEnumerable<ItemError> errors)
    {
        foreach (var error in errors.Where(e => !e.Unresolved))
        {
            var pair = Touch(error.SourceSide, error.ItemId, create: true)!;
            if (error.SourceSide == Side.Crm)
            {
                pair.CrmTouched = true;
            }
            else
            {
                pair.ExchangeTouched = true;
            }
        }
    }

    public List<Pair<T>> Build() => related.Values.Concat(unrelated.Values).ToList();

    private Pair<T>? Touch(Side side, string id, bool create)
    {
        var index = side == Side.Crm ? byCrm : byExchange;
        if (index.TryGetValue(id, out var relation))
        {
            if (!related.TryGetValue(relation, out var existing))
            {
                existing = new Pair<T>
                {
                    Relation = relation,
                    CrmId = relation.CrmId,
                    ExchangeId = relation.ExchangeId,
                    CrmVersion = relation.CrmVersion,
                    ExchangeVersion = relation.ExchangeVersion,
                };
                related[relation] = existing;
            }

            return existing;
        }

        if (!create)
        {
            return null;
        }

        if (!unrelated.TryGetValue((side, id), out var pair))
        {
            pair = side == Side.Crm ? new Pair<T> { CrmId = id } : new Pair<T> { ExchangeId = id };
            unrelated[(side, id)] = pair;
        }

        return pair;
    }

    private static void Set(Pair<T> pair, Side side, string? version, T? body, bool deleted)
    {
        if (side == Side.Crm)
        {
            pair.CrmTouched = true;
            pair.CrmDeleted = deleted;
            pair.CrmVersion = version ?? pair.CrmVersion;
            pair.CrmBody = body ?? pair.CrmBody;
        }
        else
        {
            pair.ExchangeTouched = true;
            pair.ExchangeDeleted = deleted;
            pair.ExchangeVersion = version ?? pair.ExchangeVersion;
            pair.ExchangeBody = body ?? pair.ExchangeBody;
        }
    }
}
