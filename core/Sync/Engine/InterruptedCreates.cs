using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// Crash safety where partner-id stamps cost calls to read. Every item the sync creates carries its
/// partner's id, so a create whose relation was never saved (the run stopped in between) is paired
/// on the next run instead of created again — even when its content was edited since. A side that
/// can't return stamps with its changes (<see cref="IPartnerStampReader{T}"/>) is asked for them
/// only when the store's mark says a pass created items there and did not end: the mark is set
/// before the first create of a pass and cleared once a pass has saved its cursors (every item it
/// created then has its relation, and every item an interrupted run left behind was among the new
/// items it read and paired).
/// </summary>
internal sealed class InterruptedCreates<T>(SyncJob<T> job, ISyncStateStore store, IContentRules<T> rules) where T : class
{
    private readonly HashSet<Side> marked = [];

    /// <summary>For a marked side, the stamps of its new items that have no partner yet (<see cref="Pair{T}.PartnerStamp"/>).</summary>
    public async Task ReadStampsAsync(List<Pair<T>> pairs, int relations, CancellationToken cancellationToken)
    {
        foreach (var side in new[] { Side.Crm, Side.Exchange })
        {
            if (job.SideOf(side) is not IPartnerStampReader<T> reader
                || !await store.HasUnsavedCreatesAsync(job.Scope.Mailbox, job.Kind, side, cancellationToken))
            {
                continue;
            }

            marked.Add(side);
            var alone = pairs.Where(p => p.Relation is null && p.IdOn(side) is not null && p.IdOn(side.Other()) is null
                && p.BodyOn(side) is { } body && PairMatcher<T>.PartnerIn(rules, body) is null).ToList();
            if (alone.Count == 0)
            {
                continue;
            }

            var stamps = await reader.ReadPartnerIdsAsync(job.Scope, alone.Select(p => p.IdOn(side)!).ToList(), relations + alone.Count, cancellationToken);
            foreach (var pair in alone)
            {
                pair.PartnerStamp = stamps.GetValueOrDefault(pair.IdOn(side)!);
            }
        }
    }

    /// <summary>Before creating on <paramref name="side"/>: from here until the pass ends cleanly, the relations may lag the writes.</summary>
    public async Task MarkAsync(Side side, CancellationToken cancellationToken)
    {
        if (job.SideOf(side) is IPartnerStampReader<T> && marked.Add(side))
        {
            await store.SetUnsavedCreatesAsync(job.Scope.Mailbox, job.Kind, side, true, cancellationToken);
        }
    }

    /// <summary>After the pass saved its cursors.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        foreach (var side in marked)
        {
            await store.SetUnsavedCreatesAsync(job.Scope.Mailbox, job.Kind, side, false, cancellationToken);
        }

        marked.Clear();
    }
}
