using System.Collections.Concurrent;
using System.Globalization;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>
/// Every SOQL query the org ran, as the parser understood it: the object and each WHERE literal with
/// its field and operator. A test that sends hostile text (quotes, <c>%</c>, <c>OR</c> …) checks here
/// that it arrived as one literal value and did not change the query's shape.
/// </summary>
public sealed class QueryJournal
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentQueue<ParsedQuery> entries = new();

    public IReadOnlyList<ParsedQuery> Entries => entries.ToArray();

    public void Record(string text, SoqlQuery query)
    {
        var literals = new List<QueryLiteral>();
        Collect(query.Where, literals);
        entries.Enqueue(new ParsedQuery(DateTimeOffset.UtcNow, text, query.From.Name, literals));
        while (entries.Count > MaxEntries && entries.TryDequeue(out _))
        {
        }
    }

    public void Clear() => entries.Clear();

    private static void Collect(Condition? condition, List<QueryLiteral> into)
    {
        switch (condition)
        {
            case AndCondition and:
                foreach (var part in and.Parts)
                {
                    Collect(part, into);
                }

                break;
            case OrCondition or:
                into.Add(new QueryLiteral("", "OR", null));
                foreach (var part in or.Parts)
                {
                    Collect(part, into);
                }

                break;
            case NotCondition not:
                into.Add(new QueryLiteral("", "NOT", null));
                Collect(not.Inner, into);
                break;
            case Comparison comparison:
                into.Add(new QueryLiteral(comparison.Path.Text, comparison.Operator, Text(comparison.Value)));
                break;
            case InCondition list:
                into.AddRange(list.Values.Select(v => new QueryLiteral(list.Path.Text, list.Negated ? "NOT IN" : "IN", Text(v))));
                break;
            case LikeCondition like:
                into.Add(new QueryLiteral(like.Path.Text, "LIKE", like.Literal));
                break;
            case SemiJoinCondition semiJoin:
                Collect(semiJoin.Subquery.Where, into);
                break;
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>One query: its text, the object it reads, and its WHERE literals in order (<c>OR</c>/<c>NOT</c> appear as operator-only entries).</summary>
public sealed record ParsedQuery(DateTimeOffset At, string Text, string From, IReadOnlyList<QueryLiteral> Literals);

/// <summary>A literal of a WHERE clause: <c>Email IN (…)</c> gives one per value.</summary>
public sealed record QueryLiteral(string Field, string Operator, string? Value);
