using System.Text.RegularExpressions;
using OutlookCrm.Emulators.Salesforce.Schema;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>A field path resolved against the schema: relationship hops, then the field read at the end.</summary>
public sealed record FieldPath(string Text, IReadOnlyList<FieldDef> Hops, FieldDef Field, int Position)
{
    /// <summary>Canonical names for the JSON answer, e.g. ["Account", "Name"].</summary>
    public IReadOnlyList<string> OutputNames => [.. Hops.Select(h => h.RelationshipName!), Field.Name];
}

public abstract record SelectItem;

public sealed record FieldItem(FieldPath Path) : SelectItem;

/// <summary><c>COUNT()</c> when <see cref="Path"/> is null, else <c>COUNT(field) [alias]</c>.</summary>
public sealed record CountItem(FieldPath? Path, string Alias) : SelectItem;

public abstract record Condition;

public sealed record AndCondition(IReadOnlyList<Condition> Parts) : Condition;

public sealed record OrCondition(IReadOnlyList<Condition> Parts) : Condition;

public sealed record NotCondition(Condition Inner) : Condition;

/// <summary><c>field op value</c>; <see cref="Range"/> is set for date literals such as TODAY or LAST_N_DAYS:n.</summary>
public sealed record Comparison(FieldPath Path, string Operator, object? Value, (DateTime Start, DateTime End)? Range) : Condition;

public sealed record InCondition(FieldPath Path, IReadOnlyList<object?> Values, bool Negated) : Condition
{
    /// <summary>For text values (emails, ids): a case-insensitive set, so long IN lists stay cheap over many rows.</summary>
    public HashSet<string>? TextSet { get; } = Values.All(v => v is string)
        ? new HashSet<string>(Values.Cast<string>(), StringComparer.OrdinalIgnoreCase)
        : null;
}

/// <summary>A semi-join, <c>field [NOT] IN (SELECT idField FROM T WHERE ...)</c>: the subquery's single selected field gives the values.</summary>
public sealed record SemiJoinCondition(FieldPath Path, SoqlQuery Subquery, bool Negated) : Condition;

/// <summary>LIKE; <see cref="Shape"/> is a fast path for plain prefix, suffix or contains patterns; <see cref="Literal"/> the pattern as written (unescaped string).</summary>
public sealed record LikeCondition(FieldPath Path, Regex Pattern, LikeShape? Shape, string Literal) : Condition
{
    public bool IsMatch(string value) => Shape?.IsMatch(value) ?? Pattern.IsMatch(value);
}

/// <summary>A LIKE pattern without <c>_</c> or escapes and with <c>%</c> only at its ends.</summary>
public sealed record LikeShape(string Text, bool AnyStart, bool AnyEnd)
{
    public static LikeShape? Of(string escaped)
    {
        if (escaped.Contains('\\') || escaped.Contains('_'))
        {
            return null;
        }

        var anyStart = escaped.StartsWith('%');
        var anyEnd = escaped.Length > 1 && escaped.EndsWith('%');
        var text = escaped[(anyStart ? 1 : 0)..(escaped.Length - (anyEnd ? 1 : 0))];
        return text.Contains('%') ? null : new LikeShape(text, anyStart, anyEnd);
    }

    public bool IsMatch(string value) => (AnyStart, AnyEnd) switch
    {
        (true, true) => value.Contains(Text, StringComparison.OrdinalIgnoreCase),
        (true, false) => value.EndsWith(Text, StringComparison.OrdinalIgnoreCase),
        (false, true) => value.StartsWith(Text, StringComparison.OrdinalIgnoreCase),
        _ => value.Equals(Text, StringComparison.OrdinalIgnoreCase),
    };
}

public sealed record OrderItem(FieldPath Path, bool Descending, bool NullsFirst);

public sealed record SoqlQuery(ObjectDef From, IReadOnlyList<SelectItem> Select, Condition? Where, IReadOnlyList<OrderItem> OrderBy, int? Limit, int Offset)
{
    public bool IsCountOnly => Select is [CountItem { Path: null }];
}
