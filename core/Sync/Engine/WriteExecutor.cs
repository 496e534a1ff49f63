using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// Applies planned writes to one side in chunks and saves the relations of each chunk right after
/// its writes (crash safety: what was written is remembered before anything else is written).
/// </summary>
internal sealed class WriteExecutor<T>(
    IContentRules<T> rules, ISyncStateStore store, SyncJob<T> job, ObjectSyncReport report, OutcomeLog outcomes, int chunkSize) where T : class
{
    public int Done { get; private set; }

    public async Task ApplyAsync(Side target, IReadOnlyList<PlannedWrite<T>> writes, int total, CancellationToken cancellationToken)
    {
        foreach (var chunk in writes.Chunk(chunkSize))
        {
            var requests = chunk.Select((w, i) => Request(w, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            var results = (await job.SideOf(target).ApplyAsync(job.Scope, requests, cancellationToken)).ToDictionary(o => o.Key);
            var upserts = new List<Relation>();
            var removals = new List<Relation>();
            WriteError? deferred = null;
            for (var i = 0; i < chunk.Length; i++)
            {
                var write = chunk[i];
                var outcome = results.GetValueOrDefault(requests[i].Key)
                    ?? WriteOutcome.Failure(requests[i].Key, new WriteError("NoOutcome", "The side returned no outcome for this item.", WriteErrorKind.Item));
                if (outcome.Error is { } error && !(error.Kind == WriteErrorKind.NotFound && write.Kind == SyncActionKind.Delete))
                {
                    Fail(write, error, upserts, removals);
                    deferred ??= error.Kind == WriteErrorKind.Transient ? error : null;
                    continue;
                }

                Succeed(write, outcome, upserts, removals);
            }

            await store.SaveRelationsAsync(job.Scope.Mailbox, job.Kind, upserts, removals, cancellationToken);
            foreach (var write in chunk)
            {
                // Written and remembered: the bodies are no longer needed, and a first sync holds every item's.
                write.Pair.CrmBody = null;
                write.Pair.ExchangeBody = null;
            }

            Done += chunk.Length;
            job.Progress?.Report(new SyncProgress(Done, total));
            if (deferred is not null)
            {
                await outcomes.FlushAsync(store, job, cancellationToken);
                throw new SyncDeferredException(deferred.Code, deferred.Message, deferred.RetryAfter);
            }
        }
    }

    private WriteRequest<T> Request(PlannedWrite<T> write, string key)
    {
        var pair = write.Pair;
        if (write.Kind == SyncActionKind.Delete)
        {
            return new WriteRequest<T>(key, WriteKind.Delete, pair.IdOn(write.Target), pair.VersionOn(write.Target), null);
        }

        var source = pair.BodyOn(write.Source)!;
        var target = write.IsCreate ? null : pair.BodyOn(write.Target);
        var body = rules.ForWrite(source, pair.IdOn(write.Source)!, target);
        var request = write.IsCreate
            ? new WriteRequest<T>(key, WriteKind.Create, null, null, body)
            : new WriteRequest<T>(key, WriteKind.Update, pair.IdOn(write.Target), pair.VersionOn(write.Target), body);

        // People travel only towards the CRM, as links; nothing a write to Exchange carries names them (decision 4).
        return write.Target == Side.Crm
            ? request with { Links = new ItemLinks(PairLinks.Keys(rules, source, job.Scope), pair.Relation?.LinkState) }
            : request;
    }

    private void Succeed(PlannedWrite<T> write, WriteOutcome outcome, List<Relation> upserts, List<Relation> removals)
    {
        var pair = write.Pair;
        outcomes.Succeeded(write.Source, pair.IdOn(write.Source) ?? pair.IdOn(write.Target)!);
        if (write.Conflict)
        {
            report.Conflicts++;
        }

        if (write.Kind == SyncActionKind.Delete)
        {
            report.Deleted.Add(write.Target);
            if (pair.Relation is not null)
            {
                removals.Add(pair.Relation);
            }

            return;
        }

        (write.IsCreate ? report.Created : report.Updated).Add(write.Target);
        var targetId = outcome.Id ?? pair.IdOn(write.Target)!;
        outcomes.Succeeded(write.Target, targetId); // the pair is in step: an earlier failure of the other way is moot
        var source = pair.BodyOn(write.Source)!;
        var hash = rules.Hash(source);
        var relation = write.Target == Side.Exchange
            ? new Relation(pair.CrmId!, pair.CrmVersion, targetId, outcome.Version, hash)
                { LinksHash = pair.Relation?.LinksHash, LinkState = pair.Relation?.LinkState }
            : new Relation(targetId, outcome.Version, pair.ExchangeId!, pair.ExchangeVersion, hash)
            {
                // Links that did not all go through are applied again on the item's next change.
                LinksHash = outcome.Links is { Complete: false } ? null : CanonicalHash.Links(PairLinks.Keys(rules, source, job.Scope)),
                LinkState = outcome.Links is { } links ? links.State : pair.Relation?.LinkState,
            };
        report.Losses.AddRange(outcome.Losses.Select(loss => new ReportedLoss(write.Target.StoreName(), pair.IdOn(write.Source)!, loss)));
        if (pair.Relation is not null && (pair.Relation.CrmId != relation.CrmId || pair.Relation.ExchangeId != relation.ExchangeId))
        {
            removals.Add(pair.Relation);
        }

        upserts.Add(relation);
    }

    private void Fail(PlannedWrite<T> write, WriteError error, List<Relation> upserts, List<Relation> removals)
    {
        var pair = write.Pair;
        var (side, id) = pair.IdOn(write.Source) is { } sourceId ? (write.Source, sourceId) : pair.Origin;
        outcomes.Failed(new ItemFailure(side, id, error.Code, error.Message));
        report.Errors.Add(new ReportedError(side.StoreName(), id, error.Code, error.Message));
        if (error.Kind == WriteErrorKind.NotFound && pair.Relation is { } relation)
        {
            // The target vanished under us: forget the pair so the retry recreates it.
            removals.Add(relation);
        }
        else if (error.Kind != WriteErrorKind.NotFound && pair.Relation is null && !write.IsCreate && pair is { CrmId: { } crmId, ExchangeId: { } exchangeId })
        {
            // Matched this run: keep the match, or the retry would find neither item new on the other side and create it there.
            upserts.Add(Relation.Matched(crmId, exchangeId));
        }
    }
}

/// <summary>Item outcomes collected during a pass, written to the store in one go.</summary>
internal sealed class OutcomeLog
{
    private readonly List<ItemFailure> failures = [];
    private readonly List<(Side, string)> successes = [];

    public void Failed(ItemFailure failure) => failures.Add(failure);

    public void Succeeded(Side side, string id) => successes.Add((side, id));

    public async Task FlushAsync<T>(ISyncStateStore store, SyncJob<T> job, CancellationToken cancellationToken) where T : class
    {
        await store.RecordItemOutcomesAsync(job.Scope.Mailbox, job.Kind, failures.ToList(), successes.ToList(), cancellationToken);
        failures.Clear();
        successes.Clear();
    }
}
