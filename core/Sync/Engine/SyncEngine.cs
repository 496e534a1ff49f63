using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// Two-way sync of one object kind for one mailbox, GenSync's way: read both sides' changes since
/// their cursors (the two sides side by side), pair them with the stored relations (matching new items
/// before creating), complete what a side does not hold for an item from its partner
/// (<see cref="PartialBodies"/>), decide each pair from the state matrix, load only the bodies that need work, write in chunks saving
/// relations after each chunk, and advance the cursors last. A pass that wrote something is followed
/// by another (at most <see cref="MaxPasses"/>) that reads back its own writes as echoes, so the next
/// run starts clean and writes nothing.
/// </summary>
public sealed class SyncEngine<T>(IContentRules<T> rules, ISyncStateStore store, TimeProvider clock, int chunkSize = 200) where T : class
{
    public const int MaxPasses = 3;

    public async Task<ObjectSyncReport> RunAsync(SyncJob<T> job, CancellationToken cancellationToken)
    {
        var report = new ObjectSyncReport();
        if (job.Settings.Direction == SyncDirection.None)
        {
            report.Notes.Add("direction is none: nothing read or written");
            return report;
        }

        for (var pass = 1; pass <= MaxPasses; pass++)
        {
            report.Passes = pass;
            if (await PassAsync(job, report, retryFailedItems: pass == 1, cancellationToken) == 0)
            {
                break;
            }
        }

        report.Unresolved = (await store.LoadItemErrorsAsync(job.Scope.Mailbox, job.Kind, cancellationToken)).Count(e => e.Unresolved);
        return report;
    }

    private async Task<int> PassAsync(SyncJob<T> job, ObjectSyncReport report, bool retryFailedItems, CancellationToken cancellationToken)
    {
        var (mailbox, kind) = (job.Scope.Mailbox, job.Kind);
        var relations = await store.LoadRelationsAsync(mailbox, kind, cancellationToken);
        var builder = new PairBuilder<T>(relations);
        var crmCursor = await store.GetCursorAsync(mailbox, kind, Side.Crm, cancellationToken);
        var exchangeCursor = await store.GetCursorAsync(mailbox, kind, Side.Exchange, cancellationToken);
        // The two sides are different systems: read them side by side (a run waits for the slower, not the sum).
        var crmRead = ChangeSet<T>.ReadAsync(job.Crm, job.Scope, crmCursor, RelatedIds(relations, Side.Crm),
            item => builder.NeedsBody(Side.Crm, item), cancellationToken);
        var exchangeRead = ChangeSet<T>.ReadAsync(job.Exchange, job.Scope, exchangeCursor, RelatedIds(relations, Side.Exchange),
            item => builder.NeedsBody(Side.Exchange, item), cancellationToken);
        await Task.WhenAll(crmRead, exchangeRead);
        var (crm, exchange) = (await crmRead, await exchangeRead);
        NoteFullScan(report, "CRM", crm);
        NoteFullScan(report, "Exchange", exchange);

        builder.AddChanges(Side.Crm, crm);
        builder.AddChanges(Side.Exchange, exchange);

        // Once per run: a failed item counts one attempt per run, not per pass.
        IReadOnlyList<ItemError> retries = retryFailedItems ? await store.LoadItemErrorsAsync(mailbox, kind, cancellationToken) : [];
        builder.AddRetries(retries);
        var retried = retries.Where(e => !e.Unresolved).Select(e => (e.SourceSide, e.ItemId)).ToHashSet();

        var pairs = builder.Build();
        await BodyLoader.LoadAsync(job, pairs.SelectMany(p => NeedingBodies(p, retried)), cancellationToken);
        pairs = SkipFilter.Apply(pairs, rules, clock.GetUtcNow(), report);
        var interrupted = new InterruptedCreates<T>(job, store, rules);
        await interrupted.ReadStampsAsync(pairs, relations.Count, cancellationToken);

        var matcher = new PairMatcher<T>(rules);
        pairs = matcher.MatchNew(pairs, report);
        if (job.Settings.Flows(Side.Exchange))
        {
            await matcher.LookUpAsync(pairs, Side.Exchange, job.Crm, job.Scope, builder.IsRelated, report, cancellationToken);
        }

        if (job.Settings.Flows(Side.Crm))
        {
            await matcher.LookUpAsync(pairs, Side.Crm, job.Exchange, job.Scope, builder.IsRelated, report, cancellationToken);
        }

        await PartialBodies.CompleteAsync(job, rules, pairs, cancellationToken);
        var outcomes = new OutcomeLog();
        var plan = WritePlanner.Plan(pairs, rules, job.Settings, job.Scope, report, outcomes);
        await store.SaveRelationsAsync(mailbox, kind, plan.RelationUpserts, plan.RelationRemovals, cancellationToken);
        await BodyLoader.LoadAsync(job, plan.Writes.Where(w => w.Kind == SyncActionKind.Copy)
            .SelectMany(w => new[] { (w.Source, w.Pair), (w.Target, w.Pair) }), cancellationToken);
        var writes = plan.Writes.Where(w => w.Kind != SyncActionKind.Copy || w.Pair.BodyOn(w.Source) is not null).ToList();

        var executor = new WriteExecutor<T>(rules, store, job, report, outcomes, chunkSize);
        foreach (var side in new[] { Side.Crm, Side.Exchange })
        {
            var toSide = writes.Where(w => w.Target == side).ToList();
            if (toSide.Any(w => w.IsCreate))
            {
                await interrupted.MarkAsync(side, cancellationToken);
            }

            await executor.ApplyAsync(side, toSide, writes.Count, cancellationToken);
        }

        await outcomes.FlushAsync(store, job, cancellationToken);
        await SaveCursorAsync(job, Side.Crm, crm.Cursor, cancellationToken);
        await SaveCursorAsync(job, Side.Exchange, exchange.Cursor, cancellationToken);
        await interrupted.ClearAsync(cancellationToken);
        return writes.Count;
    }

    /// <summary>
    /// The touched sides whose body a decision may need. A related item still as the last sync left it
    /// (typically the sync's own write, read back) needs none, unless it is up for a retry.
    /// </summary>
    private static IEnumerable<(Side, Pair<T>)> NeedingBodies(Pair<T> pair, HashSet<(Side, string)> retried)
    {
        foreach (var side in new[] { Side.Crm, Side.Exchange })
        {
            var unchanged = pair.Relation is { } relation && relation.IsAtSyncedVersion(side, pair.VersionOn(side), pair.BySyncOn(side))
                && !retried.Contains((side, pair.IdOn(side)!));
            if (pair.TouchedOn(side) && !unchanged)
            {
                yield return (side, pair);
            }
        }
    }

    private static HashSet<string> RelatedIds(IReadOnlyList<Relation> relations, Side side) =>
        relations.Select(r => r.IdOn(side)).ToHashSet(StringComparer.Ordinal);

    private Task SaveCursorAsync(SyncJob<T> job, Side side, string? cursor, CancellationToken cancellationToken) =>
        cursor is null ? Task.CompletedTask : store.SaveCursorAsync(job.Scope.Mailbox, job.Kind, side, cursor, cancellationToken);

    private static void NoteFullScan(ObjectSyncReport report, string side, ChangeSet<T> changes)
    {
        if (changes.FullScanReason is { } reason)
        {
            report.Notes.Add($"{side}: full scan ({reason})");
        }
    }
}
