using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Schema;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>Runs a parsed query over a store snapshot and shapes records as the REST API does.</summary>
public sealed class SoqlExecutor(ISalesforceStore store, string apiVersion)
{
    public List<SObjectRecord> Run(SoqlQuery query, bool includeDeleted)
    {
        var rows = store.Snapshot(query.From.Name, includeDeleted);
        var matched = new List<SObjectRecord>(query.Where is null ? rows.Count : 64);
        foreach (var row in rows)
        {
            if (query.Where is null || Matches(query.Where, row))
            {
                matched.Add(row);
            }
        }

        if (query.OrderBy.Count > 0)
        {
            matched = SoqlOrdering.Sort(matched, query.OrderBy, Read);
        }

        IEnumerable<SObjectRecord> result = matched;
        if (query.Offset > 0)
        {
            result = result.Skip(query.Offset);
        }

        if (query.Limit is { } limit)
        {
            result = result.Take(limit);
        }

        return result as List<SObjectRecord> ?? result.ToList();
    }

    /// <summary>Streams the selected fields of result records (see <see cref="SoqlProjection"/>).</summary>
    internal SoqlProjection Projection(SoqlQuery query) => new(query, apiVersion, Parent);

    public JsonObject Aggregate(SoqlQuery query, IReadOnlyList<SObjectRecord> rows)
    {
        var node = new JsonObject { ["attributes"] = new JsonObject { ["type"] = "AggregateResult" } };
        foreach (var item in query.Select.OfType<CountItem>())
        {
            node[item.Alias] = item.Path is null ? rows.Count : rows.Count(r => Read(item.Path, r) is not null);
        }

        return node;
    }

    public JsonObject Attributes(SObjectRecord record) => new()
    {
        ["type"] = record.Type.Name,
        ["url"] = $"/services/data/v{apiVersion}/sobjects/{record.Type.Name}/{record.Id}",
    };

    private readonly Dictionary<SemiJoinCondition, HashSet<string>> semiJoins = [];

    /// <summary>The subquery runs once per query, not once per row.</summary>
    private HashSet<string> SemiJoinValues(SemiJoinCondition join)
    {
        if (!semiJoins.TryGetValue(join, out var values))
        {
            var selected = join.Subquery.Select[0];
            values = new HashSet<string>(
                Run(join.Subquery, includeDeleted: false).Select(r => selected is FieldItem field ? Read(field.Path, r) : null).OfType<string>(), StringComparer.OrdinalIgnoreCase);
            semiJoins[join] = values;
        }

        return values;
    }

    private bool Matches(Condition condition, SObjectRecord record) => condition switch
    {
        AndCondition and => and.Parts.All(p => Matches(p, record)),
        OrCondition or => or.Parts.Any(p => Matches(p, record)),
        NotCondition not => !Matches(not.Inner, record),
        LikeCondition like => Read(like.Path, record) is string s && like.IsMatch(s),
        InCondition { TextSet: { } set } @in => (Read(@in.Path, record) is string s && set.Contains(s)) != @in.Negated,
        InCondition @in => @in.Values.Any(v => Equal(Read(@in.Path, record), v)) != @in.Negated,
        SemiJoinCondition join => (Read(join.Path, record) is string s && SemiJoinValues(join).Contains(s)) != join.Negated,
        Comparison comparison => Compare(comparison, Read(comparison.Path, record)),
        _ => false,
    };

    private static bool Compare(Comparison comparison, object? value)
    {
        if (comparison.Range is { } range)
        {
            if (value is null)
            {
                return comparison.Operator == "!=";
            }

            var at = value is DateOnly d ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : (DateTime)value;
            return comparison.Operator switch
            {
                "=" => at >= range.Start && at < range.End,
                "!=" => at < range.Start || at >= range.End,
                "<" => at < range.Start,
                "<=" => at < range.End,
                ">" => at >= range.End,
                _ => at >= range.Start,
            };
        }

        switch (comparison.Operator)
        {
            case "=":
                return Equal(value, comparison.Value);
            case "!=":
                return !Equal(value, comparison.Value);
        }

        if (value is null || comparison.Value is null)
        {
            return false;
        }

        var c = CompareValues(value, comparison.Value);
        return comparison.Operator switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    private static bool Equal(object? a, object? b) =>
        a is null || b is null ? a is null && b is null : CompareValues(a, b) == 0;

    internal static int CompareValues(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
        (decimal x, decimal y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (DateTime x, DateTime y) => x.CompareTo(y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        _ => string.Compare(Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToString(b, System.Globalization.CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase),
    };

    private object? Read(FieldPath path, SObjectRecord record)
    {
        SObjectRecord? current = record;
        foreach (var hop in path.Hops)
        {
            current = Parent(current, hop);
            if (current is null)
            {
                return null;
            }
        }

        return current.Fields.TryGetValue(path.Field.Name, out var value) ? value : null;
    }

    private SObjectRecord? Parent(SObjectRecord record, FieldDef reference) =>
        record[reference.Name] is string id && store.Get(id) is { IsDeleted: false } parent ? parent : null;
}
