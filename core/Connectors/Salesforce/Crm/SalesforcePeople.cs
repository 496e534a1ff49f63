using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Crm;

/// <summary>Users by email, and the add-in's "create contact / lead" action.</summary>
internal sealed class SalesforcePeople(SalesforceApi api)
{
    /// <summary>Salesforce requires Company on a Lead; this is the placeholder its own UI uses.</summary>
    public const string UnknownCompany = "[not provided]";

    public async Task<string?> FindUserIdByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var query = SoqlQuery.Select("Id").From("User")
            .Where(SoqlCondition.Eq("Email", email.Trim())).Where(SoqlCondition.Eq("IsActive", true))
            .OrderBy("CreatedDate").Limit(1);
        var users = await api.Query.ListAsync<JsonElement>(query, cancellationToken);
        return users.Count > 0 ? users[0].Str("Id") : null;
    }

    public async Task<CrmPerson> CreateAsync(NewCrmPerson person, CancellationToken cancellationToken)
    {
        var type = person.AsLead ? "Lead" : "Contact";
        var record = new JsonObject();
        record.Put("FirstName", person.FirstName);
        record.Put("LastName", person.LastName);
        record.Put("Email", person.Email);
        record.Put("Title", person.Title);
        if (person.AsLead)
        {
            record.Put("Company", string.IsNullOrWhiteSpace(person.Company) ? UnknownCompany : person.Company);
        }
        else if (person.AccountId is not null)
        {
            record.Put("AccountId", person.AccountId);
        }

        if (person.OwnerId is not null)
        {
            record.Put("OwnerId", person.OwnerId);
        }

        var id = await api.SObjects.CreateAsync(type, record, cancellationToken);
        var fields = person.AsLead
            ? new[] { "Id", "Name", "Email", "Title", "Phone", "Company" }
            : ["Id", "Name", "Email", "Title", "Phone", "AccountId", "Account.Name"];
        var rows = await api.Query.ListAsync<JsonElement>(
            SoqlQuery.Select(fields).From(type).Where(SoqlCondition.Eq("Id", id)), cancellationToken);
        var instance = (await api.Transport.TokenAsync(cancellationToken)).InstanceUrl;
        var url = new Uri(instance, $"/lightning/r/{type}/{id}/view").ToString();
        if (rows.Count == 0)
        {
            // Sharing rules can hide a record from its creator; answer with what was sent.
            return new CrmPerson(type, id, $"{person.FirstName} {person.LastName}".Trim(), person.Email, person.Title, null,
                person.AccountId is null ? null : new CrmAccountRef(person.AccountId, ""), person.Company, url);
        }

        var r = rows[0];
        var account = r.Str("AccountId") is { } accountId ? new CrmAccountRef(accountId, r.Str("Account.Name") ?? "") : null;
        return new CrmPerson(type, id, r.Str("Name") ?? "", r.Str("Email"), r.Str("Title"), r.Str("Phone"), account, r.Str("Company"), url);
    }
}
