namespace OutlookCrm.Emulators.Salesforce;

/// <summary>
/// Salesforce record ids: a 3-character key prefix, 12 more case-sensitive base-62 characters, and
/// the 3-character case-safe suffix that encodes which of the 15 characters are upper case.
/// </summary>
public static class SalesforceIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>A new 18-character id: prefix, a fixed pod "8d", and a 10-character base-62 counter.</summary>
    public static string Create(string keyPrefix, long sequence)
    {
        Span<char> id = stackalloc char[15];
        keyPrefix.AsSpan().CopyTo(id);
        id[3] = '8';
        id[4] = 'd';
        var n = sequence;
        for (var i = 14; i >= 5; i--)
        {
            id[i] = Base62[(int)(n % 62)];
            n /= 62;
        }

        return WithSuffix(new string(id));
    }

    public static string WithSuffix(string id15)
    {
        Span<char> suffix = stackalloc char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                var c = id15[(chunk * 5) + i];
                if (c is >= 'A' and <= 'Z')
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = SuffixAlphabet[bits];
        }

        return id15 + new string(suffix);
    }

    /// <summary>The 18-character form of a 15- or 18-character id, or null when the text is no well-formed id.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null || (text.Length != 15 && text.Length != 18))
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }
        }

        var full = WithSuffix(text[..15]);
        if (text.Length == 18 && !string.Equals(full[15..], text[15..], StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return full;
    }

    public static string Prefix(string id) => id.Length >= 3 ? id[..3] : id;
}
