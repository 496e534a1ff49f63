using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Schema;

namespace OutlookCrm.Emulators.Salesforce;

/// <summary>Salesforce's JSON value formats: datetimes as <c>2026-05-07T22:07:19.000+0000</c>, dates as <c>yyyy-MM-dd</c>.</summary>
public static class SalesforceFormat
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz00", "yyyy-MM-dd'T'HH:mm:sszz00", "yyyy-MM-dd'T'HH:mm:ss.FFF", "yyyy-MM-dd'T'HH:mm:ss",
    ];

    public static string DateTime(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads ISO 8601 with <c>Z</c>, <c>+00:00</c> or Salesforce's <c>+0000</c>; no offset means UTC.</summary>
    public static bool TryParseDateTime(string text, out DateTime utc)
    {
        var normalized = text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1])
            ? text[..^2] + ":" + text[^2..]
            : text;
        if (DateTimeOffset.TryParseExact(normalized, DateTimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        decimal d when d == decimal.Truncate(d) && Math.Abs(d) < long.MaxValue => JsonValue.Create((long)d),
        decimal d => JsonValue.Create((double)d),
        DateTime t => JsonValue.Create(DateTime(t)),
        DateOnly d => JsonValue.Create(Date(d)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case decimal d when d == decimal.Truncate(d) && Math.Abs(d) < long.MaxValue: writer.WriteNumberValue((long)d); break;
            case decimal d: writer.WriteNumberValue((double)d); break;
            case DateTime t: writer.WriteStringValue(DateTime(t)); break;
            case DateOnly d: writer.WriteStringValue(Date(d)); break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>Converts a JSON value for <paramref name="field"/>; throws JSON_PARSER_ERROR as Salesforce does for a wrong JSON type.</summary>
    public static object? FromJson(FieldDef field, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value)
        {
            throw ParserError(field, node.ToJsonString());
        }

        var kind = value.GetValueKind();
        switch (field.Type)
        {
            case "boolean":
                return kind is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : throw ParserError(field, value.ToJsonString());
            case "int":
            case "double":
            case "currency":
            case "percent":
                if (kind == JsonValueKind.Number)
                {
                    // Parse the JSON text: a node built in code may hold an int or a double, not a decimal.
                    var number = decimal.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
                    return field.Type == "int" ? decimal.Truncate(number) : number;
                }

                throw ParserError(field, value.ToJsonString());
            case "date":
                return kind == JsonValueKind.String && TryParseDate(value.GetValue<string>(), out var date)
                    ? date
                    : throw ParserError(field, value.ToJsonString());
            case "datetime":
                return kind == JsonValueKind.String && TryParseDateTime(value.GetValue<string>(), out var dateTime)
                    ? dateTime
                    : throw ParserError(field, value.ToJsonString());
            default:
                return kind switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
                    _ => throw ParserError(field, value.ToJsonString()),
                };
        }
    }

    private static SalesforceApiException ParserError(FieldDef field, string text) =>
        new(400, "JSON_PARSER_ERROR",
            $"Cannot deserialize instance of {field.Type} from VALUE_STRING value {text} or request may be missing a required field");
}
