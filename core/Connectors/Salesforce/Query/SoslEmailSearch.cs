using System.Text;

namespace OutlookCrm.Core.Connectors.Salesforce.Query;

/// <summary>
/// <c>FIND {…} IN EMAIL FIELDS RETURNING …</c>. SOSL reserved characters are escaped with a
/// backslash. SOSL indexes lag by minutes, so exact lookups use SOQL on Email; this is for partial matches.
/// </summary>
public static class SoslEmailSearch
{
    private const string Reserved = "?&|!{}[]()^~*:\\\"'+-";

    public static string Build(IReadOnlyList<string> terms, IReadOnlyList<(string SObject, IReadOnlyList<string> Fields)> returning)
    {
        if (terms.Count == 0 || returning.Count == 0)
        {
            throw new ArgumentException("A search needs terms and RETURNING objects.");
        }

        var find = string.Join(" OR ", terms.Select(t => $"\"{EscapeTerm(t)}\""));
        var objects = returning.Select(r =>
            $"{SoqlCondition.Field(r.SObject)}({string.Join(", ", r.Fields.Select(SoqlCondition.Field))})");
        return $"FIND {{{find}}} IN EMAIL FIELDS RETURNING {string.Join(", ", objects)}";
    }

    public static string EscapeTerm(string term)
    {
        var builder = new StringBuilder(term.Length + 4);
        foreach (var c in term)
        {
            if (Reserved.Contains(c))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
