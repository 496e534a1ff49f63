namespace OutlookCrm.Core.Sync.Configuration;

/// <summary>
/// A sync configuration as the admin defines it (CONTRACT.md §3, <c>PUT /api/admin/sync-configurations/{name}</c>):
/// which mailboxes, and per object kind the direction, conflict winner and delete rule.
/// </summary>
public sealed record SyncConfiguration(
    string Name,
    bool Active,
    IReadOnlyList<string> Users,
    ContactSyncOptions Contacts,
    EventSyncOptions Events,
    FieldMappings FieldMappings)
{
    public ObjectSyncSettings ContactSettings => new(Contacts.Direction, Contacts.ConflictWinner, Contacts.PropagateDeletes);

    public ObjectSyncSettings EventSettings => new(Events.Direction, Events.ConflictWinner, Events.PropagateDeletes);
}

public sealed record ContactSyncOptions(SyncDirection Direction, ConflictWinner ConflictWinner, bool PropagateDeletes);

public sealed record EventSyncOptions(SyncDirection Direction, ConflictWinner ConflictWinner, DateOnly SyncFrom, bool IncludePrivate, bool PropagateDeletes);

/// <summary>A custom mapping: a CRM field name and the Exchange property it pairs with.</summary>
public sealed record FieldMapping(string Crm, string Exchange);

public sealed record FieldMappings(IReadOnlyList<FieldMapping> Contacts, IReadOnlyList<FieldMapping> Events)
{
    public static FieldMappings None { get; } = new([], []);
}
