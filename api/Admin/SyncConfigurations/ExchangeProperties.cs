namespace OutlookCrm.Api.Admin.SyncConfigurations;

/// <summary>The value kinds a custom mapping can carry between the two sides.</summary>
public enum ValueKind { Text, Number, Boolean, Date, DateTime }

/// <summary>
/// The Exchange properties a custom field mapping may name, per object, with their value kind, and
/// which Salesforce describe types each kind is compatible with.
/// </summary>
public static class ExchangeProperties
{
    public static IReadOnlyDictionary<string, ValueKind> Contact { get; } = new Dictionary<string, ValueKind>(StringComparer.Ordinal)
    {
        ["givenName"] = ValueKind.Text, ["surname"] = ValueKind.Text, ["middleName"] = ValueKind.Text, ["nickName"] = ValueKind.Text,
        ["displayName"] = ValueKind.Text, ["title"] = ValueKind.Text, ["generation"] = ValueKind.Text, ["initials"] = ValueKind.Text,
        ["jobTitle"] = ValueKind.Text, ["department"] = ValueKind.Text, ["companyName"] = ValueKind.Text, ["officeLocation"] = ValueKind.Text,
        ["profession"] = ValueKind.Text, ["manager"] = ValueKind.Text, ["assistantName"] = ValueKind.Text, ["spouseName"] = ValueKind.Text,
        ["businessPhone"] = ValueKind.Text, ["mobilePhone"] = ValueKind.Text, ["homePhone"] = ValueKind.Text,
        ["businessHomePage"] = ValueKind.Text, ["personalNotes"] = ValueKind.Text, ["birthday"] = ValueKind.Date,
    };

    public static IReadOnlyDictionary<string, ValueKind> Event { get; } = new Dictionary<string, ValueKind>(StringComparer.Ordinal)
    {
        ["subject"] = ValueKind.Text, ["location"] = ValueKind.Text, ["body"] = ValueKind.Text, ["importance"] = ValueKind.Text,
        ["sensitivity"] = ValueKind.Text, ["showAs"] = ValueKind.Text, ["categories"] = ValueKind.Text,
        ["isAllDay"] = ValueKind.Boolean, ["isReminderOn"] = ValueKind.Boolean, ["reminderMinutesBeforeStart"] = ValueKind.Number,
        ["start"] = ValueKind.DateTime, ["end"] = ValueKind.DateTime,
    };

    /// <summary>Salesforce describe types that hold each kind. <c>id</c> and <c>reference</c> are in none: Exchange never writes them.</summary>
    private static readonly Dictionary<ValueKind, string[]> CrmTypes = new()
    {
        [ValueKind.Text] = ["string", "textarea", "email", "phone", "url", "picklist", "combobox", "multipicklist"],
        [ValueKind.Number] = ["int", "long", "double", "currency", "percent"],
        [ValueKind.Boolean] = ["boolean"],
        [ValueKind.Date] = ["date"],
        [ValueKind.DateTime] = ["datetime"],
    };

    /// <summary>Read-only CRM types: a CRM id or lookup may be copied into an Exchange text property, never back.</summary>
    public static bool IsReadOnlyCrmType(string crmType) => crmType is "id" or "reference";

    public static bool Compatible(ValueKind exchange, string crmType, bool exchangeWritesCrm) =>
        CrmTypes[exchange].Contains(crmType, StringComparer.OrdinalIgnoreCase)
        || (!exchangeWritesCrm && exchange == ValueKind.Text && IsReadOnlyCrmType(crmType));

    public static string Describe(ValueKind kind) => string.Join("/", CrmTypes[kind]);
}
