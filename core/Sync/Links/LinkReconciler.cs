namespace OutlookCrm.Core.Sync.Links;

/// <summary>
/// Keeps an item's CRM links (an Event's EventRelations) in step with its people without touching
/// links someone else made: add what is wanted and missing, remove only what the sync made itself
/// (<c>owned</c>, remembered from the last write) and is no longer wanted. A link a user or the
/// add-in made stays, even when it points at a person the sync would also link.
/// </summary>
public static class LinkReconciler
{
    public sealed record Plan(IReadOnlyList<string> Add, IReadOnlyList<string> Remove);

    public static Plan Reconcile(IReadOnlyCollection<string> wanted, IReadOnlyCollection<string> existing, IReadOnlyCollection<string> owned)
    {
        var have = existing.ToHashSet(StringComparer.Ordinal);
        var want = wanted.ToHashSet(StringComparer.Ordinal);
        return new Plan(
            wanted.Where(w => !have.Contains(w)).Distinct(StringComparer.Ordinal).ToList(),
            owned.Where(o => !want.Contains(o) && have.Contains(o)).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// What the sync owns after applying <paramref name="plan"/>: what it owned and still wants, what it
    /// added, and what it failed to remove (so it tries again). A link made in a run that died before
    /// this was saved is not owned: it stays, as if a person had made it, rather than risk removing theirs.
    /// </summary>
    public static IReadOnlyList<string> OwnedAfter(
        IReadOnlyCollection<string> wanted, IReadOnlyCollection<string> owned, IReadOnlyCollection<string> added, IReadOnlyCollection<string> notRemoved)
    {
        var want = wanted.ToHashSet(StringComparer.Ordinal);
        return owned.Where(want.Contains).Concat(added).Concat(notRemoved)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The stored form of owned link targets (record ids): comma-separated, sorted; null for none.</summary>
    public static string? Format(IReadOnlyCollection<string> owned) => owned.Count == 0 ? null : string.Join(",", owned.Order(StringComparer.Ordinal));

    public static IReadOnlyList<string> Parse(string? state) =>
        string.IsNullOrEmpty(state) ? [] : state.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
