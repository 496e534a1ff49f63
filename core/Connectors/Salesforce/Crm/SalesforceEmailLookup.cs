using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Crm;

/// <summary>
/// The add-in lookup: contacts, unconverted leads, and open opportunities (through the contact's
/// account or an OpportunityContactRole) for up to 100 addresses, as four SOQL queries in ONE
/// Composite call. SOQL on Email, not SOSL: the search index lags minutes behind new records.
/// </summary>
internal sealed class SalesforceEmailLookup(SalesforceApi api)
{
    private const int MaxOpportunities = 500;

    public async Task<IReadOnlyList<CrmEmailMatch>> LookupAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        var requested = emails.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (requested.Count is 0 or > ICrmConnector.MaxLookupEmails)
        {
            throw new ArgumentOutOfRangeException(nameof(emails), requested.Count, $"A lookup takes 1..{ICrmConnector.MaxLookupEmails} addresses.");
        }

        var byEmail = SoqlCondition.In("Email", requested);
        var results = await api.Composite.QueryAsync(
        [
            ("contacts", SoqlQuery.Select("Id", "Name", "Email", "Title", "Phone", "AccountId", "Account.Name").From("Contact").Where(byEmail)),
            ("leads", SoqlQuery.Select("Id", "Name", "Email", "Title", "Phone", "Company").From("Lead")
                .Where(SoqlCondition.Eq("IsConverted", false)).Where(byEmail)),
            ("accountOpportunities", SoqlQuery.Select("Id", "Name", "StageName", "CloseDate", "AccountId").From("Opportunity")
                .Where(SoqlCondition.Eq("IsClosed", false))
                .Where(SoqlCondition.InQuery("AccountId", SoqlQuery.Select("AccountId").From("Contact").Where(byEmail)))
                .OrderBy("CloseDate").Limit(MaxOpportunities)),
            ("contactRoles", SoqlQuery.Select("ContactId", "Contact.Email", "OpportunityId", "Opportunity.Name", "Opportunity.StageName",
                    "Opportunity.CloseDate", "Opportunity.AccountId").From("OpportunityContactRole")
                .Where(SoqlCondition.Eq("Opportunity.IsClosed", false)).Where(SoqlCondition.In("Contact.Email", requested))
                .Limit(MaxOpportunities)),
        ], cancellationToken);

        var instance = (await api.Transport.TokenAsync(cancellationToken)).InstanceUrl;
        var contacts = Records(results["contacts"]);
        var leads = Records(results["leads"]);
        var accountOpportunities = Records(results["accountOpportunities"]).Select(o => Opportunity(o, "")).ToList();
        var roles = Records(results["contactRoles"]);

        return requested.Select(email =>
        {
            var mine = contacts.Where(c => Same(c.Str("Email"), email)).ToList();
            var people = mine.Select(c => Person("Contact", c, instance))
                .Concat(leads.Where(l => Same(l.Str("Email"), email)).Select(l => Person("Lead", l, instance)))
                .ToList();
            var accountIds = mine.Select(c => c.Str("AccountId")).OfType<string>().ToHashSet();
            var opportunities = accountOpportunities.Where(o => o.AccountId is not null && accountIds.Contains(o.AccountId))
                .Concat(roles.Where(r => Same(r.Str("Contact.Email"), email)).Select(r => Opportunity(r, "Opportunity.")))
                .DistinctBy(o => o.Id)
                .ToList();
            return new CrmEmailMatch(email, people, opportunities);
        }).ToList();
    }

    private static List<JsonElement> Records(JsonElement queryResult) =>
        queryResult.TryGetProperty("records", out var records) ? [.. records.EnumerateArray()] : [];

    private static bool Same(string? a, string b) => string.Equals(a?.Trim(), b, StringComparison.OrdinalIgnoreCase);

    private static CrmPerson Person(string type, JsonElement r, Uri instance)
    {
        var id = r.Str("Id")!;
        var account = r.Str("AccountId") is { } accountId ? new CrmAccountRef(accountId, r.Str("Account.Name") ?? "") : null;
        return new CrmPerson(type, id, r.Str("Name") ?? "", r.Str("Email"), r.Str("Title"), r.Str("Phone"), account, r.Str("Company"),
            new Uri(instance, $"/lightning/r/{type}/{id}/view").ToString());
    }

    /// <summary>Reads an Opportunity or the Opportunity of a contact role (<paramref name="prefix"/> "Opportunity.").</summary>
    private static CrmOpportunity Opportunity(JsonElement r, string prefix) => new(
        prefix.Length == 0 ? r.Str("Id")! : r.Str("OpportunityId")!,
        r.Str(prefix + "Name") ?? "",
        r.Str(prefix + "StageName"),
        DateOnly.TryParse(r.Str(prefix + "CloseDate"), System.Globalization.CultureInfo.InvariantCulture, out var close) ? close : null,
        r.Str(prefix + "AccountId"));
}
