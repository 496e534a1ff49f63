using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OutlookCrm.Emulators.Salesforce.Schema;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>
/// SOSL for what the product sends: <c>FIND {a@x.com OR b@y.com} IN EMAIL FIELDS RETURNING
/// Contact(Id, Email), Lead(Id, Email)</c>. Terms are matched whole-word, case-insensitively,
/// with <c>*</c> as a trailing wildcard; the answer is <c>{"searchRecords":[…]}</c>, at most 2,000 rows.
/// </summary>
public sealed partial class SoslSearch(SalesforceSchema schema, ISalesforceStore store, string apiVersion)
{
    private const int MaxRows = 2000;
    private static readonly string[] Searchable = ["Account", "Contact", "Lead", "Opportunity", "User", "Event"];

    public JsonObject Run(string search)
    {
        var match = SoslShape().Match(search);
        if (!match.Success)
        {
            throw new SalesforceApiException(400, "MALFORMED_SEARCH", "No search term found. The search term must be enclosed in braces.");
        }

        var terms = ParseTerms(match.Groups["terms"].Value);
        if (terms.Count == 0 || terms.Any(t => t.Trim('*').Length < 2))
        {
            throw new SalesforceApiException(400, "MALFORMED_SEARCH", "search term must be longer than one character");
        }

        var scope = match.Groups["scope"].Success ? match.Groups["scope"].Value.ToUpperInvariant() : "ALL";
        var limit = match.Groups["limit"].Success ? Math.Min(MaxRows, int.Parse(match.Groups["limit"].Value, System.Globalization.CultureInfo.InvariantCulture)) : MaxRows;
        var returning = match.Groups["returning"].Success ? ParseReturning(match.Groups["returning"].Value) : Searchable.Select(n => (schema.Find(n)!, (IReadOnlyList<FieldDef>)[schema.Find(n)!.Field("Id")!], MaxRows)).ToList();
        var patterns = terms.Select(TermPattern).ToList();
        var results = new JsonArray();
        var soql = new SoqlExecutor(store, apiVersion);
        foreach (var (type, fields, perTypeLimit) in returning)
        {
            var searched = type.Fields.Where(f => InScope(f, scope)).ToList();
            var taken = 0;
            foreach (var record in store.Snapshot(type.Name, false))
            {
                if (results.Count >= limit || taken >= perTypeLimit)
                {
                    break;
                }

                if (!searched.Any(f => record[f.Name] is string text && patterns.Any(p => p.IsMatch(text))))
                {
                    continue;
                }

                var node = new JsonObject { ["attributes"] = soql.Attributes(record) };
                foreach (var field in fields)
                {
                    node[field.Name] = SalesforceFormat.ToJson(record[field.Name]);
                }

                results.Add(node);
                taken++;
            }
        }

        return new JsonObject { ["searchRecords"] = results };
    }

    private static bool InScope(FieldDef field, string scope) => scope switch
    {
        "EMAIL" => field.Type == "email",
        "PHONE" => field.Type == "phone",
        "NAME" => field.Name is "Name" or "FirstName" or "LastName" or "Company",
        _ => field.IsText && field.Type is not "id" and not "reference",
    };

    private List<(ObjectDef, IReadOnlyList<FieldDef>, int)> ParseReturning(string text)
    {
        var list = new List<(ObjectDef, IReadOnlyList<FieldDef>, int)>();
        foreach (Match part in ReturningPart().Matches(text))
        {
            var name = part.Groups["type"].Value;
            var type = schema.Find(name)
                ?? throw new SalesforceApiException(400, "INVALID_TYPE", $"sObject type '{name}' is not supported.");
            var fields = new List<FieldDef>();
            var perType = MaxRows;
            if (part.Groups["fields"].Success)
            {
                var inner = part.Groups["fields"].Value;
                var limitMatch = Regex.Match(inner, @"\s+LIMIT\s+(\d+)\s*$", RegexOptions.IgnoreCase);
                if (limitMatch.Success)
                {
                    perType = int.Parse(limitMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    inner = inner[..limitMatch.Index];
                }

                foreach (var fieldName in inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    fields.Add(type.Field(fieldName)
                        ?? throw new SalesforceApiException(400, "INVALID_FIELD", $"No such column '{fieldName}' on entity '{type.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."));
                }
            }

            if (fields.Count == 0)
            {
                fields.Add(type.Field("Id")!);
            }

            list.Add((type, fields, perType));
        }

        return list;
    }

    /// <summary>Splits <c>a OR b</c> (AND is treated like OR: any term matching is enough for this subset) and removes SOSL's backslash escapes.</summary>
    private static List<string> ParseTerms(string text)
    {
        var terms = new List<string>();
        foreach (var raw in Regex.Split(text, @"\s+(?:OR|AND)\s+", RegexOptions.IgnoreCase))
        {
            var term = new StringBuilder();
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '\\' && i + 1 < raw.Length)
                {
                    i++;
                }

                term.Append(raw[i]);
            }

            var value = term.ToString().Trim().Trim('"').Trim();
            if (value.Length > 0)
            {
                terms.Add(value);
            }
        }

        return terms;
    }

    private static Regex TermPattern(string term)
    {
        var body = Regex.Escape(term).Replace(@"\*", @"\S*").Replace(@"\?", ".");
        return new Regex($@"(?<![\w.@+-]){body}(?![\w.@-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"^\s*FIND\s*\{(?<terms>(?:\\.|[^}\\])*)\}\s*(?:IN\s+(?<scope>ALL|EMAIL|NAME|PHONE)\s+FIELDS\s*)?(?:RETURNING\s+(?<returning>.+?))?\s*(?:LIMIT\s+(?<limit>\d+))?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SoslShape();

    [GeneratedRegex(@"(?<type>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?<fields>[^)]*)\))?\s*(?:,|$)")]
    private static partial Regex ReturningPart();
}
