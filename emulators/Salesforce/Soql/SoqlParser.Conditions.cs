namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>The WHERE clause: AND/OR/NOT, comparisons, IN lists and semi-joins.</summary>
public sealed partial class SoqlParser
{
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
}
