using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Engine;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Sync.Fakes;

/// <summary>Two in-memory sides, a state store and the engine, for one mailbox.</summary>
public sealed class SyncHarness<T>(IContentRules<T> rules, ObjectKind kind, bool bodiesInExchangeChanges = true) where T : class
{
    public static readonly SyncScope Scope = new("alice@contoso.com", "005000000000001AAA",
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero));

    public InMemorySide<T> Crm { get; } = new("003", bodiesInChanges: true);
    public InMemorySide<T> Exchange { get; } = new("AAMk", bodiesInChanges: bodiesInExchangeChanges);
    public InMemorySyncStateStore Store { get; } = new();
    public ObjectSyncSettings Settings { get; set; } = new(SyncDirection.Both, ConflictWinner.Crm, PropagateDeletes: true);

    public Task<ObjectSyncReport> RunAsync() =>
        new SyncEngine<T>(rules, Store, TimeProvider.System, chunkSize: 5).RunAsync(new SyncJob<T>(kind, Scope, Settings, Crm, Exchange), CancellationToken.None);

    public int TotalWrites => Crm.AppliedWrites + Exchange.AppliedWrites;
}

public static class Contacts
{
    public static SyncHarness<Contact> Harness(bool bodiesInExchangeChanges = true) => new(new ContactRules(), ObjectKind.Contact, bodiesInExchangeChanges);

    public static Contact Person(string email, string given = "Ann", string surname = "Lee", string? title = null) =>
        new() { GivenName = given, Surname = surname, Emails = [email], JobTitle = title };

    /// <summary>
    /// Makes the CRM side hold the company as Salesforce does: only as the name of the contact's Account,
    /// which a sync write never sets (choosing an Account is the add-in's decision); without one, the
    /// company reads as unknown, as the Salesforce mapping reads it.
    /// </summary>
    public static void CompanyFromAccount(InMemorySide<Contact> crm)
    {
        crm.Keeps = (written, held) => written with { CompanyName = held?.CompanyName };
        crm.Shows = c => c.CompanyName is null ? c with { UnknownFields = [nameof(Contact.CompanyName)] } : c;
    }

    /// <summary>The side's contacts by primary email; throws on a duplicate, which is the point.</summary>
    public static Dictionary<string, Contact> ByEmail(InMemorySide<Contact> side) =>
        side.Live.ToDictionary(c => c.Body.Emails[0].ToLowerInvariant(), c => c.Body);
}
