namespace OutlookCrm.Emulators.Salesforce.Soql;

public enum SoqlTokenKind
{
    Identifier,
    String,
    Number,
    Date,
    DateTime,
    Symbol,
    End,
}

/// <summary>One token; <see cref="Text"/> is the source text, <see cref="Value"/> the decoded literal.</summary>
public sealed record SoqlToken(SoqlTokenKind Kind, string Text, object? Value, int Position)
{
    public bool Is(string keyword) =>
        Kind == SoqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SoqlTokenKind.Symbol && Text == symbol;
}
