using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Tests.Addin;

/// <summary>A CRM that knows a few people and records what the API asked of it.</summary>
public sealed class FakeCrm : ICrmConnector, IConnectorSource
{
    public const string UserId = "005000000000001AAA";

    public Dictionary<string, CrmPerson> People { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<IReadOnlyList<string>> Lookups { get; } = [];
    public List<NewCrmPerson> Created { get; } = [];
    public List<(string ItemId, CrmEventLinkRequest Request)> Links { get; } = [];
    public List<string> DeletedEvents { get; } = [];
    public Exception? FailCreateWith { get; set; }

    public ISyncSide<Contact> Contacts => throw new NotSupportedException();

    public ISyncSide<CalendarEvent> Events => new EventDeletes(this);

    public Task<string?> FindUserIdByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(email.Equals("alice@contoso.com", StringComparison.OrdinalIgnoreCase) ? UserId : null);

    public Task<IReadOnlyList<CrmEmailMatch>> LookupByEmailsAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        Lookups.Add(emails);
        IReadOnlyList<CrmEmailMatch> matches = emails.Select(e => new CrmEmailMatch(e,
            People.TryGetValue(e, out var p) ? [p] : [],
            People.ContainsKey(e) ? [new CrmOpportunity("006000000000001AAA", "Big deal", "Proposal", new DateOnly(2027, 3, 1), p!.Account?.Id)] : [])).ToList();
        return Task.FromResult(matches);
    }

    public Task<CrmPerson> CreatePersonAsync(NewCrmPerson person, CancellationToken cancellationToken)
    {
        if (FailCreateWith is not null)
        {
            throw FailCreateWith;
        }

        Created.Add(person);
        var created = new CrmPerson(person.AsLead ? "Lead" : "Contact", person.AsLead ? "00Q000000000009AAA" : "003000000000009AAA",
            $"{person.FirstName} {person.LastName}".Trim(), person.Email, person.Title, null, null, person.Company, null);
        People[person.Email] = created;
        return Task.FromResult(created);
    }

    public Task<CrmEventLink> UpsertEventLinkAsync(string exchangeItemId, CrmEventLinkRequest request, CancellationToken cancellationToken)
    {
        Links.Add((exchangeItemId, request));
        var id = request.KnownCrmEventId ?? $"00U00000000000{Links.Count}AAA".PadRight(18, 'A')[..18];
        return Task.FromResult(new CrmEventLink(id, request.KnownCrmEventId is null,
            request.WhoIds.Select((w, i) => new CrmEventRelation($"0RE00000000000{i}AAA", w, false)).ToList()));
    }

    public Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>No Exchange connection is stored: the add-in uses item ids as sent.</summary>
    public Task<IMailboxConnector> MailboxAsync(CancellationToken cancellationToken) =>
        throw new SyncRunException(SyncRunException.ConnectionMissing, "The Exchange connection is not configured.");

    /// <summary>How often the API asked for the CRM connector (in production a store read and a decryption each).</summary>
    public int ConnectorRequests { get; private set; }

    public Task<ICrmConnector> CrmAsync(CancellationToken cancellationToken)
    {
        ConnectorRequests++;
        return Task.FromResult<ICrmConnector>(this);
    }

    private sealed class EventDeletes(FakeCrm crm) : ISyncSide<CalendarEvent>
    {
        public IAsyncEnumerable<ChangePage<CalendarEvent>> ReadChangesAsync(SyncScope scope, string? cursor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Versioned<CalendarEvent>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<CalendarEvent>> writes, CancellationToken cancellationToken)
        {
            crm.DeletedEvents.AddRange(writes.Where(w => w.Kind == WriteKind.Delete).Select(w => w.Id!));
            return Task.FromResult<IReadOnlyList<WriteOutcome>>(writes.Select(w => WriteOutcome.Success(w.Key, w.Id!, "v")).ToList());
        }
    }
}
