using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Mapping;

/// <summary>
/// Salesforce Contact ↔ <see cref="Contact"/>. Salesforce has one standard Email field, so only the
/// primary address syncs. The company comes from Account.Name and is read-only here: writing it
/// would mean choosing or creating an Account, which is the add-in's decision, not the sync's. A
/// contact without an Account has no company here, which is not an empty one (<see cref="Contact.UnknownFields"/>).
/// </summary>
internal sealed class ContactMapper(IReadOnlyList<string> customFields, string? externalIdField) : IRecordMapper<Contact>
{
    private static readonly string[] Standard =
    [
        "Id", "SystemModstamp", "OwnerId", "FirstName", "LastName", "Name", "Email", "Phone", "MobilePhone", "HomePhone",
        "Title", "Department", "Account.Name", "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry",
    ];

    public string SObject => "Contact";

    public string? ExternalIdField => externalIdField;

    public IReadOnlyList<string> Fields { get; } =
        [.. Standard, .. customFields, .. externalIdField is null ? Array.Empty<string>() : [externalIdField]];

    public SoqlCondition ScopeOf(SyncScope scope) => SoqlCondition.Eq("OwnerId", OwnerOf(scope));

    public Versioned<Contact> Read(JsonElement r)
    {
        var email = r.Str("Email");
        var company = r.Str("Account.Name"); // required on an Account: null only when the contact has none
        var contact = new Contact
        {
            GivenName = r.Str("FirstName"),
            Surname = r.Str("LastName"),
            DisplayName = r.Str("Name"),
            Emails = email is null ? [] : [email],
            BusinessPhone = r.Str("Phone"),
            MobilePhone = r.Str("MobilePhone"),
            HomePhone = r.Str("HomePhone"),
            JobTitle = r.Str("Title"),
            Department = r.Str("Department"),
            CompanyName = company,
            UnknownFields = company is null ? [nameof(Contact.CompanyName)] : [],
            BusinessAddress = ReadAddress(r),
            PartnerId = externalIdField is null ? null : r.Str(externalIdField),
            Custom = customFields.ToDictionary(f => f, f => r.Str(f)),
        };
        return new Versioned<Contact>(r.Str("Id")!, r.Str("SystemModstamp") ?? "", contact);
    }

    public JsonObject Write(Contact c, bool creating = false)
    {
        var record = new JsonObject();
        record.Put("FirstName", c.GivenName);
        record.Put("LastName", c.Surname ?? c.DisplayName); // LastName is required; a display name beats REQUIRED_FIELD_MISSING
        record.Put("Email", c.Emails.FirstOrDefault());
        record.Put("Phone", c.BusinessPhone);
        record.Put("MobilePhone", c.MobilePhone);
        record.Put("HomePhone", c.HomePhone);
        record.Put("Title", c.JobTitle);
        record.Put("Department", c.Department);
        record.Put("MailingStreet", c.BusinessAddress?.Street);
        record.Put("MailingCity", c.BusinessAddress?.City);
        record.Put("MailingState", c.BusinessAddress?.State);
        record.Put("MailingPostalCode", c.BusinessAddress?.PostalCode);
        record.Put("MailingCountry", c.BusinessAddress?.CountryOrRegion);
        foreach (var field in customFields)
        {
            record.Put(field, c.Custom.GetValueOrDefault(field));
        }

        return record;
    }

    public string? PartnerIdOf(Contact body) => body.PartnerId;

    internal static string OwnerOf(SyncScope scope) =>
        scope.CrmUserId ?? throw new InvalidOperationException($"No CRM user id for {scope.Mailbox}: resolve it with FindUserIdByEmailAsync first.");

    private static PostalAddress? ReadAddress(JsonElement r)
    {
        var address = new PostalAddress(r.Str("MailingStreet"), r.Str("MailingCity"), r.Str("MailingState"), r.Str("MailingPostalCode"), r.Str("MailingCountry"));
        return address is { Street: null, City: null, State: null, PostalCode: null, CountryOrRegion: null } ? null : address;
    }
}
