namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// Optional on a side: find existing items that may be the same as the given new items from the
/// other side (e.g. CRM contacts by email), so a first sync, or a new Outlook contact for a person
/// already in the CRM, pairs instead of creating a duplicate. One call per chunk of items.
/// </summary>
public interface IMatchLookup<T> where T : class
{
    Task<IReadOnlyList<Versioned<T>>> FindCandidatesAsync(SyncScope scope, IReadOnlyList<T> items, CancellationToken cancellationToken);
}
