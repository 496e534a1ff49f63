using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>The OData query options the emulator understands: $select, $expand (extended properties), $filter (two forms), $top/$skip.</summary>
internal static partial class GraphQuery
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 1000;
    public const int DefaultDeltaPageSize = 200;

    public static IReadOnlySet<string>? Select(string? text) => string.IsNullOrWhiteSpace(text)
        ? null
        : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    public static bool TryExpand(string? text, out ExpandRequest? expand)
    {
        expand = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var match = ExpandPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        if (!match.Groups["filter"].Success)
        {
            expand = new ExpandRequest(null);
            return true;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match id in IdEquals().Matches(match.Groups["filter"].Value))
        {
            if (!ExtendedPropertyKey.TryParseGraphId(id.Groups["id"].Value.Replace("''", "'"), out var key))
            {
                return false;
            }

            keys.Add(key.Canonical);
        }

        expand = new ExpandRequest(keys);
        return keys.Count > 0;
    }

    /// <summary>
    /// <c>singleValueExtendedProperties/any(ep: ep/id eq '...' and ep/value eq '...')</c> and
    /// <c>emailAddresses/any(a: a/address eq '...')</c>; null predicate = no filter; false = not supported.
    /// </summary>
    /// <summary>The extended-property equality filter, which the store answers from its index.</summary>
    public static (ExtendedPropertyKey Key, string Value)? ExtendedPropertyEquals(string? text)
    {
        var ep = string.IsNullOrWhiteSpace(text) ? null : ExtendedPropertyFilter().Match(text.Trim());
        return ep is { Success: true } && ep.Groups["op"].Value.Equals("eq", StringComparison.OrdinalIgnoreCase) && ExtendedPropertyKey.TryParseGraphId(ep.Groups["id"].Value, out var key)
            ? (key, ep.Groups["value"].Value.Replace("''", "'"))
            : null;
    }

    /// <summary>Items of a folder passing <c>$filter</c>; null when the filter is not supported.</summary>
    public static IReadOnlyList<MailboxItem>? Filtered(IMailboxStore store, MailboxInfo box, FolderKind folder, string? filter)
    {
        if (ExtendedPropertyEquals(filter) is var (key, value))
        {
            return store.FindByExtendedProperty(box.Id, folder, key, value);
        }

        return TryFilter(filter, out var predicate)
            ? predicate is null ? store.List(box.Id, folder) : store.List(box.Id, folder).Where(predicate).ToList()
            : null;
    }

    public static bool TryFilter(string? text, out Func<MailboxItem, bool>? predicate)
    {
        predicate = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var ep = ExtendedPropertyFilter().Match(text.Trim());
        if (ep.Success && ExtendedPropertyKey.TryParseGraphId(ep.Groups["id"].Value, out var key))
        {
            var value = ep.Groups["value"].Value.Replace("''", "'");
            var equals = ep.Groups["op"].Value.Equals("eq", StringComparison.OrdinalIgnoreCase);
            predicate = item => item.ExtendedProperties.TryGetValue(key.Canonical, out var p) && (p.Value == value) == equals;
            return true;
        }

        var email = EmailFilter().Match(text.Trim());
        if (email.Success)
        {
            var address = email.Groups["address"].Value.Replace("''", "'");
            predicate = item => item is ContactItem c
                && c.EmailAddresses.Any(e => e is not null && string.Equals(e.Address, address, StringComparison.OrdinalIgnoreCase));
            return true;
        }

        return false;
    }

    public static int PageSize(GraphCall call, int fallback)
    {
        var size = call.Query.TryGetValue("$top", out var top) && int.TryParse(top, out var t) && t > 0 ? t
            : call.Prefer.MaxPageSize ?? fallback;
        return Math.Min(size, MaxPageSize);
    }

    public static int Skip(GraphCall call) =>
        call.Query.TryGetValue("$skip", out var skip) && int.TryParse(skip, out var s) && s > 0 ? s : 0;

    /// <summary>The same request with another $skip, as an absolute URL.</summary>
    public static string NextLink(GraphCall call, int skip)
    {
        var query = call.Query.Where(kv => kv.Key != "$skip").Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}")
            .Append($"$skip={skip}");
        return $"{call.BaseUrl}/v1.0{call.Path}?{string.Join('&', query)}";
    }

    public static JsonObject Collection(GraphCall call, string context, IEnumerable<JsonObject> values) => new()
    {
        ["@odata.context"] = $"{call.BaseUrl}/v1.0/$metadata#{context}",
        ["value"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray()),
    };

    [GeneratedRegex(@"^singleValueExtendedProperties(\(\s*\$filter\s*=\s*(?<filter>.+)\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ExpandPattern();

    [GeneratedRegex(@"id\s+eq\s+'(?<id>(?:[^']|'')*)'", RegexOptions.IgnoreCase)]
    private static partial Regex IdEquals();

    [GeneratedRegex(@"^singleValueExtendedProperties/any\(\s*(?<v>\w+)\s*:\s*\k<v>/id\s+eq\s+'(?<id>[^']*)'\s+and\s+\k<v>/value\s+(?<op>eq|ne)\s+'(?<value>(?:[^']|'')*)'\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex ExtendedPropertyFilter();

    [GeneratedRegex(@"^emailAddresses/any\(\s*(?<v>\w+)\s*:\s*\k<v>/address\s+eq\s+'(?<address>(?:[^']|'')*)'\s*\)$", RegexOptions.IgnoreCase)]
    private static partial Regex EmailFilter();
}
