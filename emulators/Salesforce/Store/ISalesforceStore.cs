namespace OutlookCrm.Emulators.Salesforce.Store;

/// <summary>
/// Where the emulated org keeps records (Azurite's storage interface). Deleted records stay, marked,
/// until purged, so <c>queryAll</c> and <c>/deleted/</c> see them. Implementations are thread-safe.
/// </summary>
public interface ISalesforceStore
{
    /// <summary>The record with this 18-character id, deleted or not.</summary>
    SObjectRecord? Get(string id);

    /// <summary>A snapshot of one type's records in creation order.</summary>
    IReadOnlyList<SObjectRecord> Snapshot(string type, bool includeDeleted);

    /// <summary>The live record of <paramref name="type"/> whose unique <paramref name="field"/> equals <paramref name="value"/> (case-insensitive).</summary>
    SObjectRecord? FindUnique(string type, string field, string value);

    /// <summary>Live records of <paramref name="type"/> whose reference <paramref name="field"/> holds <paramref name="id"/> (e.g. an event's relations).</summary>
    IReadOnlyList<SObjectRecord> Referencing(string type, string field, string id);

    /// <summary>Inserts or replaces.</summary>
    void Put(SObjectRecord record);

    /// <summary>Removes for good (rollback of a create, purge of old deletions).</summary>
    void Remove(string id);

    int Count(string type, bool includeDeleted);

    /// <summary>Runs <paramref name="work"/> with no other writer in between: one transaction.</summary>
    T Exclusive<T>(Func<T> work);

    void Clear();
}
