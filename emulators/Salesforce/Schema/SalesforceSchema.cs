namespace OutlookCrm.Emulators.Salesforce.Schema;

/// <summary>
/// The objects the emulated org has: Contact, Lead, Account, Opportunity, OpportunityContactRole,
/// User, Event, EventRelation, with standard system fields and the optional external-id field
/// <see cref="ExchangeIdField"/> (absent when seeded with <c>withoutExternalIdFields</c>).
/// </summary>
public sealed class SalesforceSchema
{
    public const string ExchangeIdField = "OutlookCrm_ExchangeId__c";

    private readonly Dictionary<string, ObjectDef> objects;
    private readonly Dictionary<string, ObjectDef> byPrefix;

    public SalesforceSchema(bool withExternalIdFields = true)
    {
        WithExternalIdFields = withExternalIdFields;
        var list = new[]
        {
            Build("Account", "Account", "001", true,
            [
                Text("Name", "Account Name", 255, required: true), Text("Website", "Website", 255, "url"),
                Text("Phone", "Account Phone", 40, "phone"), Picklist("Industry", "Industry", "Technology", "Finance", "Retail", "Other"),
                Text("Description", "Account Description", 32000, "textarea"),
            ]),
            Build("Contact", "Contact", "003", true,
            [
                Text("FirstName", "First Name", 40), Text("LastName", "Last Name", 80, required: true), Name(121),
                Text("Email", "Email", 80, "email") with { IdLookup = true }, Text("Title", "Title", 128),
                Text("Phone", "Business Phone", 40, "phone"), Text("MobilePhone", "Mobile Phone", 40, "phone"),
                Text("HomePhone", "Home Phone", 40, "phone"), Text("OtherPhone", "Other Phone", 40, "phone"), Text("Fax", "Business Fax", 40, "phone"),
                Text("Department", "Department", 80), Reference("AccountId", "Account ID", "Account", ["Account"]),
                Text("MailingStreet", "Mailing Street", 255, "textarea"), Text("MailingCity", "Mailing City", 40),
                Text("MailingState", "Mailing State/Province", 80), Text("MailingPostalCode", "Mailing Zip/Postal Code", 20), Text("MailingCountry", "Mailing Country", 80),
                Text("Description", "Contact Description", 32000, "textarea"), ExternalId(withExternalIdFields),
            ]),
            Build("Lead", "Lead", "00Q", true,
            [
                Text("FirstName", "First Name", 40), Text("LastName", "Last Name", 80, required: true), Name(121),
                Text("Company", "Company", 255, required: true), Text("Email", "Email", 80, "email") with { IdLookup = true },
                Text("Title", "Title", 128), Text("Phone", "Phone", 40, "phone"),
                Picklist("Status", "Status", "Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted") with { Nillable = false, DefaultedOnCreate = true },
                new FieldDef("IsConverted", "boolean", "Converted") { Nillable = false, DefaultedOnCreate = true, Updateable = false },
                Reference("ConvertedContactId", "Converted Contact ID", "ConvertedContact", ["Contact"]) with { Createable = false, Updateable = false },
                Reference("ConvertedAccountId", "Converted Account ID", "ConvertedAccount", ["Account"]) with { Createable = false, Updateable = false },
                ExternalId(withExternalIdFields),
            ]),
            Build("Opportunity", "Opportunity", "006", true,
            [
                Text("Name", "Name", 120, required: true),
                Picklist("StageName", "Stage", "Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost") with { Nillable = false },
                new FieldDef("CloseDate", "date", "Close Date") { Nillable = false },
                new FieldDef("IsClosed", "boolean", "Closed") { Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true, Calculated = true },
                new FieldDef("IsWon", "boolean", "Won") { Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true, Calculated = true },
                new FieldDef("Amount", "currency", "Amount"), Reference("AccountId", "Account ID", "Account", ["Account"]),
                Text("Description", "Description", 32000, "textarea"),
            ]),
            Build("OpportunityContactRole", "Opportunity Contact Role", "00K", false,
            [
                Reference("OpportunityId", "Opportunity ID", "Opportunity", ["Opportunity"]) with { Nillable = false },
                Reference("ContactId", "Contact ID", "Contact", ["Contact"]) with { Nillable = false },
                Picklist("Role", "Role", "Decision Maker", "Economic Buyer", "Technical Buyer", "Influencer", "Other"),
                new FieldDef("IsPrimary", "boolean", "Primary") { Nillable = false, DefaultedOnCreate = true },
            ]),
            Build("User", "User", "005", false,
            [
                Text("Username", "Username", 80, required: true) with { Unique = true, IdLookup = true },
                Text("Email", "Email", 128, "email", required: true), Text("FirstName", "First Name", 40),
                Text("LastName", "Last Name", 80, required: true), Name(121),
                new FieldDef("IsActive", "boolean", "Active") { Nillable = false, DefaultedOnCreate = true },
            ]),
            Build("Event", "Event", "00U", true,
            [
                new FieldDef("Subject", "combobox", "Subject") { Length = 255 },
                new FieldDef("StartDateTime", "datetime", "Start Date Time"), new FieldDef("EndDateTime", "datetime", "End Date Time"),
                new FieldDef("ActivityDateTime", "datetime", "Due Date Time"), new FieldDef("ActivityDate", "date", "Due Date Only"),
                new FieldDef("IsAllDayEvent", "boolean", "All-Day Event") { Nillable = false, DefaultedOnCreate = true },
                new FieldDef("DurationInMinutes", "int", "Duration"),
                Text("Location", "Location", 255), Text("Description", "Description", 32000, "textarea"),
                Picklist("ShowAs", "Show Time As", "Busy", "OutOfOffice", "Free") with { DefaultedOnCreate = true },
                new FieldDef("IsPrivate", "boolean", "Private") { Nillable = false, DefaultedOnCreate = true },
                new FieldDef("IsChild", "boolean", "Is Child") { Nillable = false, DefaultedOnCreate = true, Createable = false, Updateable = false },
                new FieldDef("IsGroupEvent", "boolean", "Is Group Event") { Nillable = false, DefaultedOnCreate = true, Createable = false, Updateable = false },
                Text("Recurrence2PatternText", "Recurrence Pattern", 1024, "textarea"),
                new FieldDef("IsRecurrence2", "boolean", "Repeat") { Nillable = false, DefaultedOnCreate = true, Updateable = false },
                new FieldDef("IsRecurrence2Exception", "boolean", "Is Exception") { Nillable = false, DefaultedOnCreate = true, Createable = false, Updateable = false },
                new FieldDef("IsRecurrence2Exclusion", "boolean", "Historical Event, Not Following Recurrence") { Nillable = false, DefaultedOnCreate = true, Createable = false, Updateable = false },
                new FieldDef("Recurrence2PatternStartDate", "datetime", "Recurrence Pattern Start Date") { Createable = false, Updateable = false },
                Text("Recurrence2PatternTimeZone", "Recurrence Pattern Time Zone", 40),
                Picklist("Recurrence2PatternVersion", "Pattern Version", "1", "2") with { Createable = false, Updateable = false },
                Reference("WhoId", "Name ID", "Who", ["Contact", "Lead"]), Reference("WhatId", "Related To ID", "What", ["Account", "Opportunity"]),
                ExternalId(withExternalIdFields),
            ]),
            Build("EventRelation", "Event Relation", "0RE", false,
            [
                Reference("EventId", "Event ID", "Event", ["Event"]) with { Nillable = false, Updateable = false },
                Reference("RelationId", "Relation ID", "Relation", ["Contact", "Lead", "User"]) with { Nillable = false, Updateable = false },
                new FieldDef("IsInvitee", "boolean", "Is Invitee") { Nillable = false, DefaultedOnCreate = true },
                new FieldDef("IsParent", "boolean", "Is Parent") { Nillable = false, DefaultedOnCreate = true },
                new FieldDef("IsWhat", "boolean", "Is What") { Nillable = false, DefaultedOnCreate = true, Createable = false, Updateable = false },
                Picklist("Status", "Status", "New", "Accepted", "Declined") with { DefaultedOnCreate = true },
            ]),
        };
        objects = list.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        byPrefix = list.ToDictionary(o => o.KeyPrefix, StringComparer.Ordinal);
    }

    public bool WithExternalIdFields { get; }

    public IEnumerable<ObjectDef> Objects => objects.Values;

    public ObjectDef? Find(string name) => objects.GetValueOrDefault(name);

    public ObjectDef? ForId(string id) => byPrefix.GetValueOrDefault(SalesforceIds.Prefix(id));

    private static ObjectDef Build(string name, string label, string prefix, bool owned, FieldDef?[] own)
    {
        var fields = new List<FieldDef>
        {
            new("Id", "id", $"{label} ID") { Length = 18, Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true, IdLookup = true },
            new("IsDeleted", "boolean", "Deleted") { Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true },
        };
        if (owned)
        {
            fields.Add(Reference("OwnerId", "Owner ID", "Owner", ["User"]) with { Nillable = false, DefaultedOnCreate = true });
        }

        fields.AddRange(own.OfType<FieldDef>());
        fields.Add(SystemDate("CreatedDate", "Created Date"));
        fields.Add(Reference("CreatedById", "Created By ID", "CreatedBy", ["User"]) with { Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true });
        fields.Add(SystemDate("LastModifiedDate", "Last Modified Date"));
        fields.Add(Reference("LastModifiedById", "Last Modified By ID", "LastModifiedBy", ["User"]) with { Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true });
        fields.Add(SystemDate("SystemModstamp", "System Modstamp"));
        return new ObjectDef(name, label, prefix, fields);
    }

    private static FieldDef Text(string name, string label, int length, string type = "string", bool required = false) =>
        new(name, type, label) { Length = length, Nillable = !required };

    private static FieldDef Name(int length) =>
        new("Name", "string", "Full Name") { Length = length, Createable = false, Updateable = false, Calculated = true, Nillable = false, DefaultedOnCreate = true };

    private static FieldDef Picklist(string name, string label, params string[] values) =>
        new(name, "picklist", label) { Length = 255, Picklist = values };

    private static FieldDef Reference(string name, string label, string relationship, string[] to) =>
        new(name, "reference", label) { Length = 18, ReferenceTo = to, RelationshipName = relationship };

    private static FieldDef SystemDate(string name, string label) =>
        new(name, "datetime", label) { Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true };

    private static FieldDef? ExternalId(bool present) => present
        ? new FieldDef(ExchangeIdField, "string", "Exchange Item ID") { Length = 255, ExternalId = true, IdLookup = true, Unique = true }
        : null;
}
