using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// The CRM (Salesforce first) as the sync engine, the add-in API and the admin API see it. One
/// instance serves one stored CRM connection; per-user work takes the CRM user id explicitly.
/// </summary>
public interface ICrmConnector
{
    /// <summary>Contacts owned by <see cref="SyncScope.CrmUserId"/>.</summary>
    ISyncSide<Contact> Contacts { get; }

    /// <summary>Events owned by <see cref="SyncScope.CrmUserId"/> inside the scope's window.</summary>
    ISyncSide<CalendarEvent> Events { get; }

    /// <summary>The active CRM user with this email (the mailbox's owner in the CRM), or null.</summary>
    Task<string?> FindUserIdByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Contacts and unconverted leads by exact email, with their accounts and open opportunities, in
    /// one CRM round trip for up to <see cref="MaxLookupEmails"/> addresses. Every requested address
    /// appears once in the answer, in request order.
    /// </summary>
    Task<IReadOnlyList<CrmEmailMatch>> LookupByEmailsAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken);

    /// <summary>Creates a Contact, or a Lead when <see cref="NewCrmPerson.AsLead"/>.</summary>
    Task<CrmPerson> CreatePersonAsync(NewCrmPerson person, CancellationToken cancellationToken);

    /// <summary>Creates or updates the Event linked to an Exchange item (idempotent by the item id) and its relations.</summary>
    Task<CrmEventLink> UpsertEventLinkAsync(string exchangeItemId, CrmEventLinkRequest request, CancellationToken cancellationToken);

    /// <summary>authenticate → query → externalIds → limits; never changes data.</summary>
    Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken);

    const int MaxLookupEmails = 100;
}

public sealed record CrmAccountRef(string Id, string Name);

/// <summary>A Contact or Lead (<see cref="Type"/>); <see cref="Url"/> opens it in the CRM.</summary>
public sealed record CrmPerson(
    string Type, string Id, string Name, string? Email, string? Title, string? Phone, CrmAccountRef? Account, string? Company, string? Url);

public sealed record CrmOpportunity(string Id, string Name, string? Stage, DateOnly? CloseDate, string? AccountId);

public sealed record CrmEmailMatch(string Email, IReadOnlyList<CrmPerson> Records, IReadOnlyList<CrmOpportunity> Opportunities);

public sealed record NewCrmPerson(
    string Email, string? FirstName, string LastName, string? Title = null, string? AccountId = null, bool AsLead = false,
    string? Company = null, string? OwnerId = null);

/// <summary>
/// What the add-in links. <see cref="WhoIds"/>: up to 50 contacts or exactly one lead (Shared
/// Activities); <see cref="WhatId"/>: one account, opportunity, …; <see cref="RelationsOnly"/>: the
/// known Event's content belongs to the sync (the meeting is synced), so only its relations change.
/// </summary>
public sealed record CrmEventLinkRequest(
    string Subject, DateTimeOffset Start, DateTimeOffset End, bool IsAllDay, string? Location, string? Body,
    IReadOnlyList<string> WhoIds, string? WhatId, string? OwnerId = null, string? KnownCrmEventId = null, bool RelationsOnly = false)
{
    /// <summary>New relations for a known Event whose content stays as it is.</summary>
    public static CrmEventLinkRequest RelationsOf(string crmEventId, IReadOnlyList<string> whoIds, string? whatId) =>
        new("", default, default, false, null, null, whoIds, whatId, null, crmEventId, RelationsOnly: true);
}

public sealed record CrmEventRelation(string Id, string RelationId, bool IsWhat);

public sealed record CrmEventLink(string CrmEventId, bool Created, IReadOnlyList<CrmEventRelation> Relations);
