using System.Globalization;
using System.Runtime.CompilerServices;
using OutlookCrm.Core.Sync.Links;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Sync.Fakes;

/// <summary>Thrown by <see cref="InMemorySide{T}"/> to stand for a process killed in the middle of a write call.</summary>
public sealed class SimulatedCrash() : Exception("simulated crash");

/// <summary>
/// A side in memory with a change log, as GenSync's tests use: people edit it (Put/Edit/Delete),
/// the engine reads changes in pages and writes in batches; faults and crashes can be injected.
/// </summary>
public sealed class InMemorySide<T>(string prefix, bool bodiesInChanges = true, int pageSize = 7) : ISyncSide<T> where T : class
{
    private readonly Dictionary<string, Entry> items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> links = new(StringComparer.Ordinal);
    private long sequence;
    private int nextId;

    public int ChangeReads { get; private set; }
    public int BodyReads { get; private set; }
    public int WriteCalls { get; private set; }
    public int ItemWrites { get; private set; }

    /// <summary>Items written by the sync (not by people), for echo and duplicate checks.</summary>
    public int AppliedWrites { get; private set; }

    /// <summary>Throw <see cref="SimulatedCrash"/> right after this many applied writes (counted across calls).</summary>
    public int? CrashAfterWrites { get; set; }

    /// <summary>Fails an item write with this error when the predicate holds.</summary>
    public Func<WriteRequest<T>, WriteError?>? FailWhen { get; set; }

    /// <summary>Makes the next change read restart with a full scan (an expired cursor).</summary>
    public bool ExpireCursor { get; set; }

    /// <summary>
    /// Makes this side keep links as the CRM keeps EventRelations: a write's people, by address, to
    /// person ids; each link added or removed is one applied write (a crash position).
    /// </summary>
    public Dictionary<string, string>? LinkDirectory { get; set; }

    /// <summary>Links are not written, and the outcome says so (as when Salesforce refuses an EventRelation).</summary>
    public bool FailLinks { get; set; }

    /// <summary>
    /// What the side keeps of a written body, given what it held (null on a create): a CRM that takes a
    /// contact's company from its Account keeps that, whatever the write says.
    /// </summary>
    public Func<T, T?, T>? Keeps { get; set; }

    /// <summary>How a stored item reads (a field the side does not hold for it marked unknown, as a connector's mapping would).</summary>
    public Func<T, T>? Shows { get; set; }

    /// <summary>Every write request this side received, in order.</summary>
    public List<WriteRequest<T>> Requests { get; } = [];

    public IReadOnlyList<string> LinksOf(string id) => [.. (links.GetValueOrDefault(id) ?? []).Order(StringComparer.Ordinal)];

    /// <summary>A person links an item by hand (as a user or the add-in would).</summary>
    public void LinkByHand(string id, string personId) => LinkSet(id).Add(personId);

    public IEnumerable<(string Id, T Body)> Live => items.Values.Where(e => !e.Deleted).Select(e => (e.Id, e.Body));

    public T this[string id] => items[id].Body;

    public string Put(T body)
    {
        var id = $"{prefix}{++nextId:D4}";
        items[id] = new Entry(id, Next(), body, false, sequence);
        return id;
    }

    public void Edit(string id, Func<T, T> change)
    {
        var entry = items[id];
        items[id] = entry with { Body = change(entry.Body), Version = Next(), ChangedAt = sequence };
    }

    public void Delete(string id) => items[id] = items[id] with { Deleted = true, Version = Next(), ChangedAt = sequence };

    public async IAsyncEnumerable<ChangePage<T>> ReadChangesAsync(SyncScope scope, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var full = cursor is null || ExpireCursor;
        var reason = ExpireCursor ? "cursor expired" : null;
        ExpireCursor = false;
        var since = full ? -1 : long.Parse(cursor!, CultureInfo.InvariantCulture);
        var changes = items.Values.Where(e => e.ChangedAt > since && !(full && e.Deleted)).OrderBy(e => e.ChangedAt).ToList();
        var end = sequence;
        var pages = changes.Chunk(pageSize).ToList();
        if (pages.Count == 0)
        {
            pages.Add([]);
        }

        for (var i = 0; i < pages.Count; i++)
        {
            ChangeReads++;
            var page = pages[i];
            yield return new ChangePage<T>(
                page.Where(e => !e.Deleted).Select(e => new ChangedItem<T>(e.Id, e.Version, bodiesInChanges ? Show(e.Body) : null)).ToList(),
                page.Where(e => e.Deleted).Select(e => e.Id).ToList(),
                i == pages.Count - 1 ? end.ToString(CultureInfo.InvariantCulture) : page[^1].ChangedAt.ToString(CultureInfo.InvariantCulture),
                full,
                i == pages.Count - 1) { FullScanReason = reason };
        }
    }

    public Task<IReadOnlyList<Versioned<T>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        BodyReads++;
        IReadOnlyList<Versioned<T>> found = ids.Where(id => items.TryGetValue(id, out var e) && !e.Deleted)
            .Select(id => new Versioned<T>(id, items[id].Version, Show(items[id].Body))).ToList();
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<T>> writes, CancellationToken cancellationToken)
    {
        WriteCalls++;
        var outcomes = new List<WriteOutcome>();
        foreach (var write in writes)
        {
            ItemWrites++;
            Requests.Add(write);
            if (FailWhen?.Invoke(write) is { } error)
            {
                outcomes.Add(WriteOutcome.Failure(write.Key, error));
                continue;
            }

            var outcome = Apply(write);
            Applied();
            outcomes.Add(outcome.Succeeded && write.Links is { } wanted && LinkDirectory is { } directory
                ? Link(scope, outcome, wanted, directory)
                : outcome);
        }

        return Task.FromResult<IReadOnlyList<WriteOutcome>>(outcomes);
    }

    private WriteOutcome Link(SyncScope scope, WriteOutcome outcome, ItemLinks wanted, Dictionary<string, string> directory)
    {
        var people = wanted.People.Where(p => p != scope.Mailbox).ToList();
        var owned = LinkReconciler.Parse(wanted.State);
        if (FailLinks)
        {
            return outcome with { Links = new LinkOutcome(wanted.State, Complete: false), Losses = ["links refused"] };
        }

        var targets = people.Where(directory.ContainsKey).Select(p => directory[p]).Distinct().ToList();
        var existing = LinkSet(outcome.Id!);
        var plan = LinkReconciler.Reconcile(targets, existing.ToList(), owned);
        foreach (var removed in plan.Remove)
        {
            existing.Remove(removed);
            Applied();
        }

        foreach (var added in plan.Add)
        {
            existing.Add(added);
            Applied();
        }

        return outcome with
        {
            Links = new LinkOutcome(LinkReconciler.Format(LinkReconciler.OwnedAfter(targets, owned, plan.Add, [])), Complete: true),
            Losses = people.Where(p => !directory.ContainsKey(p)).Select(p => $"{p} matches nobody").ToList(),
        };
    }

    private T Show(T body) => Shows is null ? body : Shows(body);

    private void Applied()
    {
        AppliedWrites++;
        if (CrashAfterWrites is { } limit && AppliedWrites >= limit)
        {
            CrashAfterWrites = null;
            throw new SimulatedCrash();
        }
    }

    private HashSet<string> LinkSet(string id) => links.TryGetValue(id, out var set) ? set : links[id] = new HashSet<string>(StringComparer.Ordinal);

    private WriteOutcome Apply(WriteRequest<T> write)
    {
        switch (write.Kind)
        {
            case WriteKind.Create:
                var id = Put(Keeps is null ? write.Body! : Keeps(write.Body!, null));
                return WriteOutcome.Success(write.Key, id, items[id].Version);
            case WriteKind.Update when items.TryGetValue(write.Id!, out var entry) && !entry.Deleted:
                Edit(write.Id!, held => Keeps is null ? write.Body! : Keeps(write.Body!, held));
                return WriteOutcome.Success(write.Key, write.Id!, items[write.Id!].Version);
            case WriteKind.Delete when items.TryGetValue(write.Id!, out var entry) && !entry.Deleted:
                Delete(write.Id!);
                return WriteOutcome.Success(write.Key, write.Id!, items[write.Id!].Version);
            default:
                return WriteOutcome.Failure(write.Key, new WriteError("ItemNotFound", "no such item", WriteErrorKind.NotFound));
        }
    }

    private string Next() => $"v{++sequence}";

    private sealed record Entry(string Id, string Version, T Body, bool Deleted, long ChangedAt);
}
