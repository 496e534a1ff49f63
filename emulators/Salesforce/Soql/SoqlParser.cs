using OutlookCrm.Emulators.Salesforce.Schema;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>
/// Recursive-descent parser for the SOQL subset the product uses: field lists with parent
/// relationships, WHERE with = != &lt; &gt; &lt;= &gt;= IN NOT IN LIKE AND OR NOT and parentheses,
/// ORDER BY … ASC|DESC NULLS FIRST|LAST, LIMIT, OFFSET, COUNT(). Mixing AND and OR without
/// parentheses is refused, as Salesforce refuses it.
/// </summary>
public sealed partial class SoqlParser
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
}
