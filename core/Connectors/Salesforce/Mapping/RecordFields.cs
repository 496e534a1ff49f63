using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookCrm.Core.Connectors.Salesforce.Mapping;

/// <summary>Reads fields of a record as Salesforce returns it (<c>{"attributes":…,"Id":…,"Account":{"Name":…}}</c>).</summary>
internal static class RecordFields
{
    public static string? Str(this JsonElement record, string path)
    {
        var current = record;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }

    public static bool Bool(this JsonElement record, string name) => record.Str(name) == "true";

    public static int? Int(this JsonElement record, string name) =>
        int.TryParse(record.Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Salesforce writes dateTimes as <c>2026-11-20T10:00:00.000+0000</c>.</summary>
    public static DateTimeOffset? Instant(this JsonElement record, string name) => ParseInstant(record.Str(name));

    public static DateTimeOffset? ParseInstant(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : ParseCompactOffset(text);

    public static DateOnly? Date(this JsonElement record, string name) =>
        DateOnly.TryParseExact(record.Str(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    public static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Sets a field, sending JSON null for a missing value so a cleared field is cleared in Salesforce too.</summary>
    public static void Put(this JsonObject record, string name, string? value) => record[name] = value is null ? null : JsonValue.Create(value);

    private static DateTimeOffset? ParseCompactOffset(string? text) =>
        text is not null && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffzzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v)
            ? v.ToUniversalTime()
            : null;
}
