using System.Text.RegularExpressions;

namespace OutlookCrm.Core.Connectors.Salesforce.Query;

/// <summary>
/// A WHERE clause built only from checked field names and <see cref="SoqlLiteral"/> values: there
/// is deliberately no way to pass raw text.
/// </summary>
public sealed partial class SoqlCondition
{
    private SoqlCondition(string text) => Text = text;

    internal string Text { get; }

    public static SoqlCondition Eq(string field, SoqlLiteral value) => Compare(field, "=", value);

    public static SoqlCondition Ne(string field, SoqlLiteral value) => Compare(field, "!=", value);

    public static SoqlCondition Gt(string field, SoqlLiteral value) => Compare(field, ">", value);

    public static SoqlCondition Ge(string field, SoqlLiteral value) => Compare(field, ">=", value);

    public static SoqlCondition Lt(string field, SoqlLiteral value) => Compare(field, "<", value);

    public static SoqlCondition Le(string field, SoqlLiteral value) => Compare(field, "<=", value);

    /// <summary><c>LIKE</c> with a pattern from <see cref="SoqlLiteral.LikeContains"/> / <see cref="SoqlLiteral.LikeStartsWith"/>.</summary>
    public static SoqlCondition Like(string field, SoqlLiteral pattern) => Compare(field, "LIKE", pattern);

    public static SoqlCondition In(string field, IEnumerable<string> values)
    {
        var list = values.Select(v => ((SoqlLiteral)v).Text).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("IN needs at least one value.", nameof(values));
        }

        return new($"{Field(field)} IN ({string.Join(", ", list)})");
    }

    /// <summary><c>IN</c> over dateTime literals.</summary>
    public static SoqlCondition InDateTimes(string field, IEnumerable<DateTimeOffset> values)
    {
        var list = values.Select(v => ((SoqlLiteral)v).Text).ToList();
        return list.Count == 0 ? throw new ArgumentException("IN needs at least one value.", nameof(values)) : new($"{Field(field)} IN ({string.Join(", ", list)})");
    }

    /// <summary>A semi-join: <c>field IN (SELECT …)</c>.</summary>
    public static SoqlCondition InQuery(string field, SoqlQuery subquery) => new($"{Field(field)} IN ({subquery})");

    public static SoqlCondition And(params SoqlCondition[] parts) => Join(" AND ", parts);

    public static SoqlCondition Or(params SoqlCondition[] parts) => Join(" OR ", parts);

    public override string ToString() => Text;

    /// <summary>Field names, relationship paths (<c>Account.Name</c>) and custom fields (<c>X__c</c>).</summary>
    internal static string Field(string name) =>
        FieldName().IsMatch(name) ? name : throw new ArgumentException($"'{name}' is not a valid SOQL field name.", nameof(name));

    private static SoqlCondition Compare(string field, string op, SoqlLiteral value) => new($"{Field(field)} {op} {value.Text}");

    private static SoqlCondition Join(string separator, SoqlCondition[] parts) =>
        parts.Length == 1 ? parts[0] : new($"({string.Join(separator, parts.Select(p => p.Text))})");

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$")]
    private static partial Regex FieldName();
}
