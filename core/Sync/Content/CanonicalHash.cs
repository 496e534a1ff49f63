using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OutlookCrm.Core.Sync.Content;

/// <summary>SHA-256 of a canonical JSON projection; stable across processes and sides.</summary>
internal static class CanonicalHash
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Of(object projection) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(projection, Options)))[..32].ToLowerInvariant();

    /// <summary>Trimmed, inner whitespace collapsed, empty as null: the differences sides introduce on their own.</summary>
    public static string? Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public static string? Email(string? value) => Text(value)?.ToLowerInvariant();

    /// <summary>The hash of an item's link keys (<see cref="IContentRules{T}.LinkKeys"/>); null when it names nobody.</summary>
    public static string? Links(IReadOnlyList<string> keys) => keys.Count == 0 ? null : Of(keys);

    public static SortedDictionary<string, string?> Custom(IReadOnlyDictionary<string, string?> custom) =>
        new(custom.ToDictionary(kv => kv.Key, kv => Text(kv.Value)), StringComparer.Ordinal);
}
