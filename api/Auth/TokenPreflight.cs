using System.Text;
using System.Text.Json;

namespace OutlookCrm.Api.Auth;

/// <summary>
/// Cheap checks before a token reaches IdentityModel 6.8 (old enough that we don't want it parsing
/// anything exotic): at most 16 KB, exactly three segments (no JWE), a header that says RS256.
/// </summary>
public static class TokenPreflight
{
    public const int MaxTokenLength = 16 * 1024;
    public const string TooLarge = "The token is larger than 16 KB.";

    /// <summary>The reason the token is refused, or null when it may be validated.</summary>
    public static string? Refusal(string token)
    {
        if (token.Length > MaxTokenLength)
        {
            return TooLarge;
        }

        var segments = token.Split('.');
        if (segments.Length == 5)
        {
            return "Encrypted tokens (JWE) are not accepted.";
        }

        if (segments.Length != 3 || segments[2].Length == 0)
        {
            return "The token is not a signed JWT.";
        }

        string? algorithm;
        try
        {
            using var header = JsonDocument.Parse(DecodeSegment(segments[0]));
            algorithm = header.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return "The token header is not valid JSON.";
        }

        return algorithm == "RS256" ? null : "Only RS256-signed tokens are accepted.";
    }

    private static byte[] DecodeSegment(string segment)
    {
        var base64 = segment.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = Convert.FromBase64String(base64);
        _ = Encoding.UTF8.GetString(bytes);
        return bytes;
    }
}
