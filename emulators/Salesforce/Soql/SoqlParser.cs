using System.Text;
using System.Text.RegularExpressions;
using OutlookCrm.Emulators.Salesforce.Schema;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>
/// Recursive-descent parser for the SOQL subset the product uses: field lists with parent
/// relationships, WHERE with = != &lt; &gt; &lt;= &gt;= IN NOT IN LIKE AND OR NOT and parentheses,
/// ORDER BY … ASC|DESC NULLS FIRST|LAST, LIMIT, OFFSET, COUNT(). Mixing AND and OR without
/// parentheses is refused, as Salesforce refuses it.
/// </summary>
public sealed class SoqlParser
{
    private const int MaxOffset = 2000;
    private readonly string query;
    private readonly SalesforceSchema schema;
    private readonly List<SoqlToken> tokens;
    private readonly DateTime now;
    private int index;
    private ObjectDef from = null!;

    private SoqlParser(string query, SalesforceSchema schema, DateTime now)
    {
        this.query = query;
        this.schema = schema;
        this.now = now;
        tokens = SoqlLexer.Tokenize(query);
    }

    public static SoqlQuery Parse(string query, SalesforceSchema schema, DateTime now) => new SoqlParser(query, schema, now).Parse();

    private SoqlToken Current => tokens[index];

    private SoqlQuery Parse()
    {
        Expect("SELECT");
        var selectStart = index;
        SkipSelectList();
        Expect("FROM");
        var typeToken = Current;
        if (typeToken.Kind != SoqlTokenKind.Identifier)
        {
            throw SoqlErrors.Malformed(query, typeToken);
        }

        from = schema.Find(typeToken.Text) ?? throw SoqlErrors.NoSuchType(query, typeToken.Position, typeToken.Text);
        index++;
        var afterFrom = index;
        index = selectStart;
        var select = ParseSelectList();
        index = afterFrom;

        Condition? where = null;
        if (Current.Is("WHERE"))
        {
            index++;
            where = ParseOr();
        }

        var order = new List<OrderItem>();
        if (Current.Is("ORDER"))
        {
            index++;
            Expect("BY");
            do
            {
                var path = ResolvePath(Current);
                index++;
                var descending = false;
                if (Current.Is("ASC") || Current.Is("DESC"))
                {
                    descending = Current.Is("DESC");
                    index++;
                }

                var nullsFirst = !descending;
                if (Current.Is("NULLS"))
                {
                    index++;
                    if (!Current.Is("FIRST") && !Current.Is("LAST"))
                    {
                        throw SoqlErrors.Malformed(query, Current);
                    }

                    nullsFirst = Current.Is("FIRST");
                    index++;
                }

                order.Add(new OrderItem(path, descending, nullsFirst));
            }
            while (TrySymbol(","));
        }

        int? limit = null;
        var offset = 0;
        if (Current.Is("LIMIT"))
        {
            index++;
            limit = ReadInteger();
        }

        if (Current.Is("OFFSET"))
        {
            index++;
            var offsetToken = Current;
            offset = ReadInteger();
            if (offset > MaxOffset)
            {
                throw SoqlErrors.At("NUMBER_OUTSIDE_VALID_RANGE", query, offsetToken.Position, $"Maximum SOQL offset allowed is {MaxOffset}");
            }
        }

        if (Current.Kind != SoqlTokenKind.End)
        {
            throw SoqlErrors.Malformed(query, Current);
        }

        return new SoqlQuery(from, select, where, order, limit, offset);
    }

    /// <summary>Steps over the select list by shape only (fields are checked once FROM is known).</summary>
    private void SkipSelectList()
    {
        do
        {
            if (Current.Kind != SoqlTokenKind.Identifier || Current.Is("FROM"))
            {
                throw SoqlErrors.Malformed(query, Current);
            }

            if (Current.Is("COUNT") && tokens[index + 1].IsSymbol("("))
            {
                index += 2;
                if (Current.Kind == SoqlTokenKind.Identifier)
                {
                    index++;
                }

                ExpectSymbol(")");
                if (Current.Kind == SoqlTokenKind.Identifier && !Current.Is("FROM"))
                {
                    index++;
                }
            }
            else
            {
                index++;
            }
        }
        while (TrySymbol(","));
    }

    private List<SelectItem> ParseSelectList()
    {
        var items = new List<SelectItem>();
        var aggregate = 0;
        do
        {
            var token = Current;
            if (token.Kind != SoqlTokenKind.Identifier || token.Is("FROM"))
            {
                throw SoqlErrors.Malformed(query, token);
            }

            if (token.Is("COUNT") && tokens[index + 1].IsSymbol("("))
            {
                index += 2;
                FieldPath? path = null;
                if (!Current.IsSymbol(")"))
                {
                    path = ResolvePath(Current);
                    index++;
                }

                ExpectSymbol(")");
                var alias = $"expr{aggregate++}";
                if (Current.Kind == SoqlTokenKind.Identifier && !Current.Is("FROM"))
                {
                    alias = Current.Text;
                    index++;
                }

                items.Add(new CountItem(path, alias));
                continue;
            }

            items.Add(new FieldItem(ResolvePath(token)));
            index++;
        }
        while (TrySymbol(","));

        if (!Current.Is("FROM"))
        {
            throw SoqlErrors.Malformed(query, Current);
        }

        if (items.Any(i => i is CountItem { Path: null }) && items.Count > 1)
        {
            throw SoqlErrors.At("MALFORMED_QUERY", query, tokens[1].Position, "COUNT() must be the only element in the SELECT list.");
        }

        return items;
    }

    private Condition ParseOr()
    {
        var (first, combined) = ParseAnd();
        if (!Current.Is("OR"))
        {
            return first;
        }

        if (combined)
        {
            throw SoqlErrors.Malformed(query, Current);
        }

        var parts = new List<Condition> { first };
        while (Current.Is("OR"))
        {
            index++;
            var next = ParseNot();
            if (Current.Is("AND"))
            {
                throw SoqlErrors.Malformed(query, Current);
            }

            parts.Add(next);
        }

        return new OrCondition(parts);
    }

    private (Condition Condition, bool Combined) ParseAnd()
    {
        var first = ParseNot();
        if (!Current.Is("AND"))
        {
            return (first, false);
        }

        var parts = new List<Condition> { first };
        while (Current.Is("AND"))
        {
            index++;
            parts.Add(ParseNot());
        }

        return (new AndCondition(parts), true);
    }

    private Condition ParseNot()
    {
        if (Current.Is("NOT"))
        {
            index++;
            return new NotCondition(ParseNot());
        }

        if (TrySymbol("("))
        {
            var inner = ParseOr();
            ExpectSymbol(")");
            return inner;
        }

        return ParseSimple();
    }

    private Condition ParseSimple()
    {
        var fieldToken = Current;
        if (fieldToken.Kind != SoqlTokenKind.Identifier)
        {
            throw SoqlErrors.Malformed(query, fieldToken);
        }

        var path = ResolvePath(fieldToken);
        index++;
        var op = Current;
        if (op.Is("LIKE"))
        {
            index++;
            var literal = Current;
            if (literal.Kind != SoqlTokenKind.String)
            {
                throw SoqlErrors.Malformed(query, literal);
            }

            if (!path.Field.IsText)
            {
                throw SoqlErrors.At("INVALID_FIELD", query, fieldToken.Position, $"invalid operator on {path.Field.Type} field: LIKE");
            }

            index++;
            return new LikeCondition(path, LikePattern((string)literal.Value!), LikeShape.Of((string)literal.Value!), (string)literal.Value!);
        }

        if (op.Is("IN") || (op.Is("NOT") && tokens[index + 1].Is("IN")))
        {
            var negated = op.Is("NOT");
            index += negated ? 2 : 1;
            ExpectSymbol("(");
            if (Current.Is("SELECT"))
            {
                return SemiJoin(path, negated);
            }

            var values = new List<object?>();
            do
            {
                values.Add(ReadValue(path, out var range));
                if (range is not null)
                {
                    throw SoqlErrors.Malformed(query, tokens[index - 1]);
                }
            }
            while (TrySymbol(","));

            ExpectSymbol(")");
            return new InCondition(path, values, negated);
        }

        if (op.Kind != SoqlTokenKind.Symbol || op.Text is not ("=" or "!=" or "<" or ">" or "<=" or ">="))
        {
            throw SoqlErrors.Malformed(query, op);
        }

        index++;
        var value = ReadValue(path, out var dateRange);
        return new Comparison(path, op.Text, value, dateRange);
    }

    /// <summary>
    /// <c>IN (SELECT f FROM T WHERE ...)</c>: the text up to the matching parenthesis is parsed as a query
    /// of its own, which must select exactly one field (Salesforce's semi-join rule).
    /// </summary>
    private SemiJoinCondition SemiJoin(FieldPath path, bool negated)
    {
        var start = Current.Position;
        var depth = 1;
        var end = index;
        for (; end < tokens.Count; end++)
        {
            if (tokens[end].Kind == SoqlTokenKind.Symbol && tokens[end].Text == "(")
            {
                depth++;
            }
            else if (tokens[end].Kind == SoqlTokenKind.Symbol && tokens[end].Text == ")" && --depth == 0)
            {
                break;
            }
        }

        if (end >= tokens.Count)
        {
            throw SoqlErrors.Malformed(query, Current);
        }

        var subquery = Parse(query[start..tokens[end].Position], schema, now);
        if (subquery.Select.Count != 1)
        {
            throw SoqlErrors.Malformed(query, tokens[index]);
        }

        index = end + 1;
        return new SemiJoinCondition(path, subquery, negated);
    }

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
