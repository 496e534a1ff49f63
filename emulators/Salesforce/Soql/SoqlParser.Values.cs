using System.Text;
using System.Text.RegularExpressions;
using OutlookCrm.Emulators.Salesforce.Schema;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>Literals checked against field types, relative dates, LIKE patterns and token helpers.</summary>
public sealed partial class SoqlParser
{
    /// <summary>Reads a literal and checks it fits the field's type, with Salesforce's wording when it does not.</summary>
    private object? ReadValue(FieldPath path, out (DateTime Start, DateTime End)? range)
    {
        range = null;
        var token = Current;
        index++;
        var field = path.Field;
        if (token.Is("NULL"))
        {
            return null;
        }

        switch (field.Type)
        {
            case "boolean":
                if (token.Is("TRUE") || token.Is("FALSE"))
                {
                    return token.Is("TRUE");
                }

                throw TypeMismatch(path, token, "boolean", quoted: false);
            case "int" or "double" or "currency" or "percent":
                return token.Kind == SoqlTokenKind.Number ? token.Value : throw TypeMismatch(path, token, field.Type, quoted: false);
            case "date" or "datetime":
                if (token.Kind == SoqlTokenKind.Identifier && RelativeDate(token) is { } relative)
                {
                    range = relative;
                    return null;
                }

                if (field.Type == "date" && token.Kind == SoqlTokenKind.Date)
                {
                    return token.Value;
                }

                if (field.Type == "datetime" && token.Kind == SoqlTokenKind.DateTime)
                {
                    return token.Value;
                }

                throw TypeMismatch(path, token, field.Type == "date" ? "date" : "dateTime", quoted: false);
            default:
                if (token.Kind != SoqlTokenKind.String)
                {
                    if (token.Kind == SoqlTokenKind.End || token.Kind == SoqlTokenKind.Symbol)
                    {
                        throw SoqlErrors.Malformed(query, token);
                    }

                    throw TypeMismatch(path, token, "string", quoted: true);
                }

                var text = SoqlLexer.Plain((string)token.Value!);
                if (field.Type is "id" or "reference")
                {
                    return SalesforceIds.Normalize(text)
                        ?? throw SoqlErrors.At("INVALID_QUERY_FILTER_OPERATOR", query, token.Position, $"invalid ID field: {text}");
                }

                return text;
        }
    }

    private SalesforceApiException TypeMismatch(FieldPath path, SoqlToken token, string type, bool quoted)
    {
        if (token.Kind is SoqlTokenKind.End or SoqlTokenKind.Symbol)
        {
            return SoqlErrors.Malformed(query, token);
        }

        return SoqlErrors.At("INVALID_FIELD", query, token.Position,
            $"value of filter criterion for field '{path.Field.Name}' must be of type {type} and should {(quoted ? "" : "not ")}be enclosed in quotes");
    }

    private (DateTime, DateTime)? RelativeDate(SoqlToken token)
    {
        var today = now.Date;
        if (token.Is("TODAY"))
        {
            return (today, today.AddDays(1));
        }

        if (token.Is("YESTERDAY"))
        {
            return (today.AddDays(-1), today);
        }

        if (token.Is("TOMORROW"))
        {
            return (today.AddDays(1), today.AddDays(2));
        }

        if ((token.Is("LAST_N_DAYS") || token.Is("NEXT_N_DAYS")) && Current.IsSymbol(":"))
        {
            index++;
            var n = ReadInteger();
            return token.Is("LAST_N_DAYS") ? (today.AddDays(-n), today.AddDays(1)) : (today, today.AddDays(n + 1));
        }

        return null;
    }

    private FieldPath ResolvePath(SoqlToken token)
    {
        if (token.Kind != SoqlTokenKind.Identifier)
        {
            throw SoqlErrors.Malformed(query, token);
        }

        var parts = token.Text.Split('.');
        if (parts.Length > 1 && string.Equals(parts[0], from.Name, StringComparison.OrdinalIgnoreCase))
        {
            parts = parts[1..];
        }

        var hops = new List<FieldDef>();
        IReadOnlyList<ObjectDef> current = [from];
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var hop = current.Select(o => o.Relationship(parts[i])).FirstOrDefault(f => f is not null)
                ?? throw SoqlErrors.NoSuchRelationship(query, token.Position, parts[i]);
            hops.Add(hop);
            current = hop.ReferenceTo.Select(schema.Find).OfType<ObjectDef>().ToList();
        }

        var field = current.Select(o => o.Field(parts[^1])).FirstOrDefault(f => f is not null)
            ?? throw SoqlErrors.NoSuchColumn(query, token.Position, parts[^1], current[0].Name);
        return new FieldPath(token.Text, hops, field, token.Position);
    }

    /// <summary>LIKE: % any run, _ one character, \% and \_ literal; case-insensitive.</summary>
    private static Regex LikePattern(string escaped)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c == '\\' && i + 1 < escaped.Length)
            {
                pattern.Append(Regex.Escape(escaped[i + 1].ToString()));
                i++;
            }
            else
            {
                pattern.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private int ReadInteger()
    {
        var token = Current;
        if (token.Kind != SoqlTokenKind.Number || token.Value is not decimal d || d < 0 || d != decimal.Truncate(d))
        {
            throw SoqlErrors.Malformed(query, token);
        }

        index++;
        return (int)Math.Min(d, int.MaxValue);
    }

    private void Expect(string keyword)
    {
        if (!Current.Is(keyword))
        {
            throw SoqlErrors.Malformed(query, Current);
        }

        index++;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw SoqlErrors.Malformed(query, Current);
        }
    }

    private bool TrySymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        index++;
        return true;
    }
}
