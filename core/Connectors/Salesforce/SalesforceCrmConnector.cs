using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Salesforce.Crm;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Sync;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce;

/// <summary>
/// <see cref="ICrmConnector"/> over Salesforce REST for one stored connection. Holds the token
/// cache and the describe cache, so keep one instance per connection rather than one per call.
/// </summary>
public sealed class SalesforceCrmConnector : ICrmConnector
{
    private readonly SalesforceApi api;

    public SalesforceCrmConnector(
        HttpClient http, SalesforceConnectionSettings settings, TimeProvider clock, SalesforceRetryOptions? retry = null, ILoggerFactory? logs = null)
    {
        api = new SalesforceApi(http, settings, clock, retry, logs);
        Contacts = new SalesforceSyncSide<Contact>(api, "Contact", field => new ContactMapper(settings.CustomContactFields, field));
        Events = new SalesforceSyncSide<CalendarEvent>(api, "Event", field => new EventMapper(settings.CustomEventFields, field));
    }

    public ISyncSide<Contact> Contacts { get; }

    public ISyncSide<CalendarEvent> Events { get; }

    public Task<string?> FindUserIdByEmailAsync(string email, CancellationToken cancellationToken) =>
        new SalesforcePeople(api).FindUserIdByEmailAsync(email, cancellationToken);

    public Task<IReadOnlyList<CrmEmailMatch>> LookupByEmailsAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken) =>
        new SalesforceEmailLookup(api).LookupAsync(emails, cancellationToken);

    public Task<CrmPerson> CreatePersonAsync(NewCrmPerson person, CancellationToken cancellationToken) =>
        new SalesforcePeople(api).CreateAsync(person, cancellationToken);

    public Task<CrmEventLink> UpsertEventLinkAsync(string exchangeItemId, CrmEventLinkRequest request, CancellationToken cancellationToken) =>
        new SalesforceEventLinker(api).UpsertAsync(exchangeItemId, request, cancellationToken);

    public Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken) =>
        new SalesforceConnectionTester(api).TestAsync(cancellationToken);

    /// <summary>The external-id field on <paramref name="sobject"/> (Contact, Event), or null when the org lacks it.</summary>
    public Task<string?> ExternalIdFieldAsync(string sobject, CancellationToken cancellationToken) =>
        api.Schema.ExternalIdFieldAsync(sobject, cancellationToken);
}
