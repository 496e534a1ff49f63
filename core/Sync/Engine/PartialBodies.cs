using OutlookCrm.Core.Sync.Content;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// A side may not hold every mapped field of an item: Salesforce has a contact's company only as its
/// Account's name, and the sync never picks an Account. Such a field is unknown there, not empty, so
/// before deciding, the item is completed with its partner's value: it then neither counts as a change
/// nor erases the partner's value when it is copied over it.
/// </summary>
internal static class PartialBodies
{
    private static readonly Side[] Sides = [Side.Crm, Side.Exchange];

    public static async Task CompleteAsync<T>(SyncJob<T> job, IContentRules<T> rules, List<Pair<T>> pairs, CancellationToken cancellationToken) where T : class
    {
        var partial = pairs.SelectMany(p => Sides
                .Where(s => p.BodyOn(s) is { } body && rules.IsPartial(body) && p.IdOn(s.Other()) is not null && !p.DeletedOn(s.Other()))
                .Select(s => (Side: s, Pair: p)))
            .ToList();
        // Only the body: the partner was not reported changed, so its version stays the one last synced and a
        // change it gets meanwhile is still seen (and a write to it still expects that version).
        var partners = partial.Where(w => w.Pair.BodyOn(w.Side.Other()) is null).Select(w => (Side: w.Side.Other(), w.Pair)).ToList();
        var found = await BodyLoader.ReadAsync(job, partners.Select(p => (p.Side, p.Pair.IdOn(p.Side)!)), cancellationToken);
        foreach (var (side, pair) in partners)
        {
            pair.SetBody(side, found[side].GetValueOrDefault(pair.IdOn(side)!)?.Body);
        }

        foreach (var (side, pair) in partial)
        {
            if (pair.BodyOn(side.Other()) is { } other)
            {
                pair.SetBody(side, rules.Complete(pair.BodyOn(side)!, other));
            }
        }
    }
}
