using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>Shared pieces of Graph's item JSON: ids, etags, timestamps, extended properties, $select.</summary>
internal static class GraphJson
{
    public static string Id(MailboxInfo box, Guid key, bool immutable) =>
        new ItemId(immutable ? ItemIdKind.Item : ItemIdKind.RestItem, box.Id, key).ToGraph();

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "Z";

    public static JsonObject Header(MailboxItem item, string id, string changeKey) => new()
    {
        ["@odata.etag"] = $"W/\"{changeKey}\"",
        ["id"] = id,
        ["createdDateTime"] = Timestamp(item.CreatedAt),
        ["lastModifiedDateTime"] = Timestamp(item.LastModifiedAt),
        ["changeKey"] = changeKey,
        ["categories"] = Strings(item.Categories),
    };

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary><c>$expand=singleValueExtendedProperties($filter=id eq '...')</c>: adds the matching ones; nothing when none match.</summary>
    public static void Expand(JsonObject json, MailboxItem item, ExpandRequest? expand)
    {
        if (expand is null)
        {
            return;
        }

        var matching = item.ExtendedProperties.Values
            .Where(p => expand.Keys is null || expand.Keys.Contains(p.Key.Canonical))
            .OrderBy(p => p.Key.Canonical, StringComparer.Ordinal)
            .Select(p => (JsonNode?)new JsonObject { ["id"] = p.Key.GraphId, ["value"] = p.Value })
            .ToArray();
        if (matching.Length > 0)
        {
            json["singleValueExtendedProperties"] = new JsonArray(matching);
        }
    }

    /// <summary>Keeps the selected top-level properties (plus id and the etag, which Graph always returns).</summary>
    public static JsonObject Select(JsonObject json, IReadOnlySet<string>? select)
    {
        if (select is null)
        {
            return json;
        }

        foreach (var name in json.Select(p => p.Key).ToList())
        {
            if (name is not ("id" or "@odata.etag" or "@odata.type" or "singleValueExtendedProperties" or "@removed") && !select.Contains(name))
            {
                json.Remove(name);
            }
        }

        return json;
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool TryReadExtendedProperties(JsonNode? node, out List<ExtendedProperty> properties, out string? error)
    {
        properties = [];
        error = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray array)
        {
            error = "singleValueExtendedProperties must be an array.";
            return false;
        }

        foreach (var entry in array)
        {
            var id = String(entry?["id"]);
            var value = String(entry?["value"]);
            if (id is null || value is null || !ExtendedPropertyKey.TryParseGraphId(id, out var key))
            {
                error = $"The extended property id '{id}' is not valid.";
                return false;
            }

            properties.Add(new ExtendedProperty(key, value));
        }

        return true;
    }
}

/// <summary>Parsed <c>$expand=singleValueExtendedProperties(...)</c>; null <see cref="Keys"/> = all of them.</summary>
internal sealed record ExpandRequest(IReadOnlySet<string>? Keys);
