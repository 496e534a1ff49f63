using OutlookCrm.Emulators.Salesforce.Schema;

namespace OutlookCrm.Emulators.Salesforce.Store;

/// <summary>
/// One stored record, immutable: a write stores a new instance, so a query can read a snapshot
/// without holding the store's lock. Values are string, bool, decimal, DateTime (UTC) or DateOnly.
/// </summary>
public sealed class SObjectRecord(ObjectDef type, string id, IReadOnlyDictionary<string, object?> fields, DateTime? deletedAt = null)
{
    public ObjectDef Type { get; } = type;
    public string Id { get; } = id;
    public IReadOnlyDictionary<string, object?> Fields { get; } = fields;
    public DateTime? DeletedAt { get; } = deletedAt;
    public bool IsDeleted => DeletedAt is not null;

    public object? this[string field] => Fields.GetValueOrDefault(field);

    public DateTime SystemModstamp => this["SystemModstamp"] is DateTime d ? d : DateTime.MinValue;
}
