using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Auth;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>One Graph request, from HTTP or from a <c>$batch</c> entry. <see cref="Path"/> is relative to <c>/v1.0</c>.</summary>
public sealed class GraphCall
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    public required GraphPreferences Prefer { get; init; }
    public JsonNode? Body { get; init; }

    /// <summary>Scheme and authority the links are built on, e.g. <c>https://127.0.0.1:5001</c>.</summary>
    public required string BaseUrl { get; init; }
    public required TokenPrincipal Caller { get; init; }
    public string? ClientRequestId { get; init; }
    public string? IfMatch { get; init; }
}

/// <summary>A Graph answer: status, headers and an optional JSON body.</summary>
public sealed class GraphResult(int status, JsonNode? body = null)
{
    public int Status { get; } = status;
    public JsonNode? Body { get; } = body;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public GraphResult With(string header, string value)
    {
        Headers[header] = value;
        return this;
    }
}

/// <summary>The <c>Prefer</c> header: page size, id type and time zone.</summary>
public sealed record GraphPreferences(int? MaxPageSize, bool ImmutableIds, string? TimeZone)
{
    public static GraphPreferences Parse(IEnumerable<string?> headers)
    {
        int? pageSize = null;
        var immutable = false;
        string? zone = null;
        foreach (var header in headers)
        {
            foreach (var part in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=');
                if (eq < 0)
                {
                    continue;
                }

                var name = part[..eq].Trim();
                var value = part[(eq + 1)..].Trim().Trim('"');
                if (name.Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, out var n) && n > 0)
                {
                    pageSize = n;
                }
                else if (name.Equals("IdType", StringComparison.OrdinalIgnoreCase))
                {
                    immutable = value.Equals("ImmutableId", StringComparison.OrdinalIgnoreCase);
                }
                else if (name.Equals("outlook.timezone", StringComparison.OrdinalIgnoreCase))
                {
                    zone = value;
                }
            }
        }

        return new GraphPreferences(pageSize, immutable, zone);
    }
}
