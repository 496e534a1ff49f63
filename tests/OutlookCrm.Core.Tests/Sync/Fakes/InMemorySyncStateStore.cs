using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Tests.Sync.Fakes;

/// <summary>The engine's state in memory, with the same semantics as the SQL store (tested against it separately).</summary>
public sealed class InMemorySyncStateStore : ISyncStateStore
{
    private readonly List<Relation> relations = [];
    private readonly Dictionary<Side, string> cursors = [];
    private readonly Dictionary<(Side, string), ItemError> errors = [];
    private readonly HashSet<Side> unsavedCreates = [];

    public IReadOnlyList<Relation> Relations => relations;

    public Task<IReadOnlyList<Relation>> LoadRelationsAsync(string mailbox, ObjectKind kind, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Relation>>(relations.ToList());

    public Task SaveRelationsAsync(string mailbox, ObjectKind kind, IReadOnlyList<Relation> upserts, IReadOnlyList<Relation> removals, CancellationToken cancellationToken)
    {
        foreach (var r in removals.Concat(upserts))
        {
            relations.RemoveAll(x => x.CrmId == r.CrmId || x.ExchangeId == r.ExchangeId);
        }

        relations.AddRange(upserts);
        return Task.CompletedTask;
    }

    public Task<string?> GetCursorAsync(string mailbox, ObjectKind kind, Side side, CancellationToken cancellationToken) =>
        Task.FromResult(cursors.GetValueOrDefault(side));

    public Task SaveCursorAsync(string mailbox, ObjectKind kind, Side side, string cursor, CancellationToken cancellationToken)
    {
        cursors[side] = cursor;
        return Task.CompletedTask;
    }

    public Task<bool> HasUnsavedCreatesAsync(string mailbox, ObjectKind kind, Side side, CancellationToken cancellationToken) =>
        Task.FromResult(unsavedCreates.Contains(side));

    public Task SetUnsavedCreatesAsync(string mailbox, ObjectKind kind, Side side, bool unsaved, CancellationToken cancellationToken)
    {
        if (unsaved)
        {
            unsavedCreates.Add(side);
        }
        else
        {
            unsavedCreates.Remove(side);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ItemError>> LoadItemErrorsAsync(string mailbox, ObjectKind kind, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ItemError>>(errors.Values.ToList());

    public Task RecordItemOutcomesAsync(
        string mailbox, ObjectKind kind, IReadOnlyList<ItemFailure> failures, IReadOnlyList<(Side Side, string ItemId)> successes, CancellationToken cancellationToken)
    {
        foreach (var success in successes)
        {
            errors.Remove(success);
        }

        foreach (var f in failures)
        {
            var attempts = errors.TryGetValue((f.SourceSide, f.ItemId), out var previous) ? previous.Attempts + 1 : 1;
            errors[(f.SourceSide, f.ItemId)] = new ItemError(f.SourceSide, f.ItemId, f.Code, f.Message, attempts, attempts >= ItemErrorPolicy.MaxAttempts);
        }

        return Task.CompletedTask;
    }
}
