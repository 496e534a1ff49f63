using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph.Dtos;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// Our MAPI named properties, in a GUID namespace of our own so no other app collides with them.
/// The partner id is stamped on every item we create so a create repeated after a crash can be
/// recognised; the attendee list of a CRM event is kept here because we never invite (see
/// <see cref="Mapping.EventWriteBody"/>).
/// </summary>
public static class ExtendedProperties
{
    public const string Namespace = "{8c9a5b1e-4d27-4f3a-9b61-2e7d0c5a91f4}";
    public const string PartnerId = $"String {Namespace} Name OutlookCrmPartnerId";
    public const string CrmAttendees = $"String {Namespace} Name OutlookCrmAttendees";

    /// <summary><c>$expand</c> value that returns only our partner-id property.</summary>
    public static string ExpandPartnerId => $"singleValueExtendedProperties($filter=id eq '{PartnerId}')";

    /// <summary>
    /// Query (escaped) for the events that carry a partner id, with it expanded. Graph documents
    /// string-valued extended-property filters (<c>ne</c>) for events and messages only, so contacts
    /// are listed whole with the property expanded instead (see <see cref="PartnerStamps"/>).
    /// </summary>
    public static string StampedEventsQuery =>
        "$filter=" + Uri.EscapeDataString($"singleValueExtendedProperties/Any(ep: ep/id eq '{PartnerId}' and ep/value ne '')")
        + "&" + ExpandQuery;

    public static string ExpandQuery => "$expand=" + Uri.EscapeDataString(ExpandPartnerId);

    internal static string? Find(IEnumerable<ExtendedPropertyDto>? properties, string id) =>
        properties?.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))?.Value;

    internal static JsonArray Stamp(params (string Id, string? Value)[] properties) =>
        new(properties.Where(p => p.Value is not null)
            .Select(p => (JsonNode?)new JsonObject { ["id"] = p.Id, ["value"] = p.Value })
            .ToArray());
}
