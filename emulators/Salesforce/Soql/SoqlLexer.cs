using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>
/// Splits SOQL into tokens. String literals keep Salesforce's escapes decoded (\' \" \\ \n \r \t \b \f)
/// except \% and \_, which stay escaped so LIKE can treat them as literal characters.
/// </summary>
public static partial class SoqlLexer
{
    public static List<SoqlToken> Tokenize(string query)
    {
        var tokens = new List<SoqlToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c == '\'')
            {
                tokens.Add(ReadString(query, ref i));
            }
            else if (char.IsAsciiDigit(c) || (c is '-' or '+' && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1]) && PreviousAllowsSign(tokens)))
            {
                var rest = query.AsSpan(i).ToString();
                var dateTime = DateTimeLiteral().Match(rest);
                var date = DateLiteral().Match(rest);
                if (c is not '-' and not '+' && dateTime.Success)
                {
                    if (!SalesforceFormat.TryParseDateTime(dateTime.Value, out var value))
                    {
                        throw SoqlErrors.At("MALFORMED_QUERY", query, start, $"line 1:{start} no viable alternative at character '{c}'");
                    }

                    tokens.Add(new SoqlToken(SoqlTokenKind.DateTime, dateTime.Value, value, start));
                    i += dateTime.Length;
                }
                else if (c is not '-' and not '+' && date.Success)
                {
                    if (!SalesforceFormat.TryParseDate(date.Value, out var value))
                    {
                        throw SoqlErrors.At("MALFORMED_QUERY", query, start, $"line 1:{start} no viable alternative at character '{c}'");
                    }

                    tokens.Add(new SoqlToken(SoqlTokenKind.Date, date.Value, value, start));
                    i += date.Length;
                }
                else
                {
                    var number = NumberLiteral().Match(rest);
                    tokens.Add(new SoqlToken(SoqlTokenKind.Number, number.Value, decimal.Parse(number.Value, CultureInfo.InvariantCulture), start));
                    i += number.Length;
                }
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < query.Length && (char.IsAsciiLetterOrDigit(query[i]) || query[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Identifier, query[start..i], null, start));
            }
            else
            {
                var two = i + 1 < query.Length ? query.Substring(i, 2) : "";
                if (two is "!=" or "<>" or "<=" or ">=")
                {
                    tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, two == "<>" ? "!=" : two, null, start));
                    i += 2;
                }
                else if (c is ',' or '(' or ')' or '=' or '<' or '>' or ':')
                {
                    tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, c.ToString(), null, start));
                    i++;
                }
                else
                {
                    throw SoqlErrors.At("MALFORMED_QUERY", query, start, $"line 1:{start} no viable alternative at character '{c}'");
                }
            }
        }

        tokens.Add(new SoqlToken(SoqlTokenKind.End, "", null, query.Length));
        return tokens;
    }

    private static bool PreviousAllowsSign(List<SoqlToken> tokens) =>
        tokens.Count > 0 && tokens[^1].Kind == SoqlTokenKind.Symbol && tokens[^1].Text != ")";

    private static SoqlToken ReadString(string query, ref int i)
    {
        var start = i;
        var text = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= query.Length)
            {
                throw SoqlErrors.At("MALFORMED_QUERY", query, start, "line 1:" + start + " mismatched character '<EOF>' expecting '''");
            }

            var c = query[i];
            if (c == '\'')
            {
                i++;
                break;
            }

            if (c == '\\')
            {
                if (i + 1 >= query.Length)
                {
                    throw SoqlErrors.At("MALFORMED_QUERY", query, i, "Invalid string literal. Illegal escape sequence");
                }

                var next = query[i + 1];
                switch (next)
                {
                    case '\'': text.Append('\''); break;
                    case '"': text.Append('"'); break;
                    case '\\': text.Append("\\\\"); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case '%': text.Append("\\%"); break;
                    case '_': text.Append("\\_"); break;
                    default:
                        throw SoqlErrors.At("MALFORMED_QUERY", query, i,
                            $"Invalid string literal '{query[start..Math.Min(query.Length, i + 2)]}'. Illegal character sequence '\\{next}' in string literal.");
                }

                i += 2;
                continue;
            }

            text.Append(c);
            i++;
        }

        // Backslashes are kept doubled so LIKE can tell "\\%" (a backslash, then a wildcard) from "\%".
        return new SoqlToken(SoqlTokenKind.String, query[start..i], text.ToString(), start);
    }

    /// <summary>The value of a string literal outside LIKE: escapes resolved to the characters they stand for.</summary>
    public static string Plain(string escaped)
    {
        if (!escaped.Contains('\\'))
        {
            return escaped;
        }

        var text = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length)
            {
                var next = escaped[i + 1];
                text.Append(next == '\\' ? "\\" : "\\" + next);
                i++;
            }
            else
            {
                text.Append(escaped[i]);
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})")]
    private static partial Regex DateTimeLiteral();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?![\d:T])")]
    private static partial Regex DateLiteral();

    [GeneratedRegex(@"^[-+]?\d+(\.\d+)?")]
    private static partial Regex NumberLiteral();
}
