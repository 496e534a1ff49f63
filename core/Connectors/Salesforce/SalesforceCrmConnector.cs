using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Salesforce.Crm;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Series;
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
        Contacts = new SalesforceSyncSide<Contact>(api, "Contact", field => new ContactMapper(settings.CustomContactFields, field),
            mapper => new PlainRecordSet<Contact>(mapper));
        Events = new SalesforceSyncSide<CalendarEvent>(api, "Event", field => new EventMapper(settings.CustomEventFields, field),
            mapper => new EventRecordSet(api, (EventMapper)mapper));
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

    /// <summary>The fields of <paramref name="sobject"/> as <c>describe</c> lists them (cached per connector); the admin API checks field mappings with them.</summary>
    public async Task<IReadOnlyList<SalesforceField>> DescribeFieldsAsync(string sobject, CancellationToken cancellationToken) =>
        (await api.Schema.DescribeAsync(sobject, cancellationToken)).Fields
            .Select(f => new SalesforceField(f.Name, f.Type, f.Createable, f.Updateable)).ToList();

    /// <summary>The external-id field on <paramref name="sobject"/> (Contact, Event), or null when the org lacks it.</summary>
    public Task<string?> ExternalIdFieldAsync(string sobject, CancellationToken cancellationToken) =>
        api.Schema.ExternalIdFieldAsync(sobject, cancellationToken);
}

/// <summary>One field of an sObject: its name, Salesforce type (string, email, double, boolean, date, datetime, reference...) and what may be written.</summary>
public sealed record SalesforceField(string Name, string Type, bool Createable, bool Updateable);
