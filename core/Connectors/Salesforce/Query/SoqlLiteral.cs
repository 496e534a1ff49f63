using System.Globalization;
using System.Text;

namespace OutlookCrm.Core.Connectors.Salesforce.Query;

/// <summary>
/// A value written into SOQL. Strings are always quoted and escaped per Salesforce's rules
/// (<c>\' \" \\ \n \r \t \b \f</c>), so user input can never close the literal.
/// </summary>
public readonly record struct SoqlLiteral(string Text)
{
    public static implicit operator SoqlLiteral(string? value) => value is null ? new("null") : new($"'{Escape(value)}'");

    public static implicit operator SoqlLiteral(bool value) => new(value ? "true" : "false");

    public static implicit operator SoqlLiteral(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>dateTime literals are unquoted UTC, seconds precision.</summary>
    public static implicit operator SoqlLiteral(DateTimeOffset value) =>
        new(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public static implicit operator SoqlLiteral(DateOnly value) => new(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A LIKE pattern containing <paramref name="value"/>; its own <c>%</c> and <c>_</c> match literally.</summary>
    public static SoqlLiteral LikeContains(string value) => new($"'%{EscapeLike(value)}%'");

    public static SoqlLiteral LikeStartsWith(string value) => new($"'{EscapeLike(value)}%'");

    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\\' => @"\\",
                '\'' => @"\'",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '\b' => @"\b",
                '\f' => @"\f",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Inside LIKE, <c>%</c> and <c>_</c> are wildcards unless escaped with a backslash.</summary>
    public static string EscapeLike(string value) => Escape(value).Replace("%", @"\%").Replace("_", @"\_");

    public override string ToString() => Text;
}
