using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutlookCrm.Core.Connectors.Salesforce.Http;

/// <summary>
/// The one serializer set-up for Salesforce: no naming policy, because sObject fields are PascalCase
/// (<c>FirstName</c>) while envelopes are camelCase (<c>nextRecordsUrl</c>); DTOs name what they read.
/// </summary>
internal static class SalesforceJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
