using System.Text.RegularExpressions;

namespace OutlookCrm.Core.Connectors.Salesforce.Write;

/// <summary>Salesforce record ids are 15 or 18 alphanumerics; anything else never reaches a URL or a query.</summary>
internal static partial class SalesforceId
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string Require(string id) =>
        IsValid(id) ? id : throw new SalesforceException(null, [new SalesforceError("MALFORMED_ID", $"'{id}' is not a Salesforce id", [])]);

    /// <summary>The key prefix says the object: 003 Contact, 00Q Lead, 001 Account, 006 Opportunity, 005 User.</summary>
    public static bool IsLead(string id) => id.StartsWith("00Q", StringComparison.Ordinal);

    public static bool IsContact(string id) => id.StartsWith("003", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$")]
    private static partial Regex Pattern();
}
