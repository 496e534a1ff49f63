using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// Matching before creating: a new item pairs with a new item on the other side that carries its id
/// as the stamped partner id (a create retried after a crash), else with the strongest shared match
/// key (email; iCalUId; organizer slot + subject). Unmatched items may be looked up on the other
/// side (<see cref="IMatchLookup{T}"/>), so a first sync of shared data creates no duplicates.
/// </summary>
internal sealed class PairMatcher<T>(IContentRules<T> rules) where T : class
{
    /// <summary>Merges matched pairs; returns the pairs left, each new pair now either matched or alone.</summary>
    public List<Pair<T>> MatchNew(List<Pair<T>> pairs, ObjectSyncReport report)
    {
        var newCrm = pairs.Where(p => p.Relation is null && p.ExchangeId is null && p.CrmBody is not null).ToList();
        var newExchange = pairs.Where(p => p.Relation is null && p.CrmId is null && p.ExchangeBody is not null).ToList();
        var taken = new HashSet<Pair<T>>();
        var exchangeByPartner = Index(newExchange.Where(p => PartnerOf(p, Side.Exchange) is not null), p => [PartnerOf(p, Side.Exchange)!]);
        var exchangeByKey = Index(newExchange, p => Keys(p.ExchangeBody!));

        foreach (var crm in newCrm)
        {
            var partnerOfCrm = PartnerOf(crm, Side.Crm);
            var match = exchangeByPartner.GetValueOrDefault(crm.CrmId!)
                ?? (partnerOfCrm is null ? null : newExchange.FirstOrDefault(e => e.ExchangeId == partnerOfCrm))
                ?? Keys(crm.CrmBody!).Select(k => exchangeByKey.GetValueOrDefault(k)).FirstOrDefault(p => p is not null && !taken.Contains(p));
            if (match is null || !taken.Add(match))
            {
                continue;
            }

            Merge(crm, match);
            report.Matched++;
        }

        return pairs.Where(p => !taken.Contains(p)).ToList();
    }

    /// <summary>Asks <paramref name="other"/> for candidates for the still-unmatched new items of <paramref name="from"/>.</summary>
    public async Task LookUpAsync(
        List<Pair<T>> pairs, Side from, ISyncSide<T> other, SyncScope scope, Func<Side, string, bool> isRelated, ObjectSyncReport report, CancellationToken cancellationToken)
    {
        if (other is not IMatchLookup<T> lookup)
        {
            return;
        }

        var alone = pairs.Where(p => p.Relation is null && p.IdOn(from.Other()) is null && p.BodyOn(from) is not null).ToList();
        if (alone.Count == 0)
        {
            return;
        }

        var candidates = await lookup.FindCandidatesAsync(scope, alone.Select(p => p.BodyOn(from)!).ToList(), cancellationToken);
        var byKey = Index(candidates.Where(c => !isRelated(from.Other(), c.Id) && !pairs.Any(p => p.IdOn(from.Other()) == c.Id)), c => Keys(c.Body));
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in alone)
        {
            var candidate = Keys(pair.BodyOn(from)!).Select(k => byKey.GetValueOrDefault(k)).FirstOrDefault(c => c is not null && !used.Contains(c.Id));
            if (candidate is null)
            {
                continue;
            }

            used.Add(candidate.Id);
            var found = from == Side.Crm
                ? new Pair<T> { ExchangeId = candidate.Id, ExchangeVersion = candidate.Version, ExchangeBody = candidate.Body, ExchangeTouched = true }
                : new Pair<T> { CrmId = candidate.Id, CrmVersion = candidate.Version, CrmBody = candidate.Body, CrmTouched = true };
            if (from == Side.Crm)
            {
                Merge(pair, found);
            }
            else
            {
                Merge(found, pair);
                pairs[pairs.IndexOf(pair)] = found;
            }

            report.Matched++;
        }
    }

    private static void Merge(Pair<T> crm, Pair<T> exchange)
    {
        crm.ExchangeId = exchange.ExchangeId;
        crm.ExchangeVersion = exchange.ExchangeVersion;
        crm.ExchangeBody = exchange.ExchangeBody;
        crm.ExchangeTouched = true;
        if (crm.CrmId is null)
        {
            crm.CrmId = exchange.CrmId;
            crm.CrmVersion = exchange.CrmVersion;
            crm.CrmBody = exchange.CrmBody;
            crm.CrmTouched = exchange.CrmTouched;
        }
    }

    private IEnumerable<string> Keys(T body) => rules.MatchKeys(body).Where(k => !k.StartsWith("partner:", StringComparison.Ordinal));

    /// <summary>The partner id a new item carries: stamped in its body, or read apart from it.</summary>
    private string? PartnerOf(Pair<T> pair, Side side) => (pair.BodyOn(side) is { } body ? PartnerIn(rules, body) : null) ?? pair.PartnerStamp;

    internal static string? PartnerIn(IContentRules<T> rules, T body) =>
        rules.MatchKeys(body).FirstOrDefault(k => k.StartsWith("partner:", StringComparison.Ordinal))?["partner:".Length..];

    private static Dictionary<string, TItem> Index<TItem>(IEnumerable<TItem> items, Func<TItem, IEnumerable<string>> keys)
    {
        var index = new Dictionary<string, TItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var key in keys(item))
            {
                index.TryAdd(key, item);
            }
        }

        return index;
    }
}
