using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OutlookCrm.Emulators.Entra;

namespace OutlookCrm.Emulators.Exchange.Auth;

/// <summary>
/// Checks an RS256 access token minted by the Entra emulator: signature against its published keys,
/// lifetime, and audience (the resource's URI or its well-known app id).
/// </summary>
public sealed class BearerTokenValidator(EntraSigningKeys? keys)
{
    private const int CacheLimit = 4096;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // Verified tokens, so a benchmark's thousands of calls with one token cost one RSA check.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (TokenPrincipal Principal, string KeyId, string Audience, DateTimeOffset Expires)> verified = new();

    public TokenPrincipal? Validate(string token, IReadOnlyCollection<string> audiences, out string error)
    {
        if (verified.TryGetValue(token, out var hit) && hit.Expires + ClockSkew > DateTimeOffset.UtcNow
            && audiences.Contains(hit.Audience, StringComparer.OrdinalIgnoreCase) && keys?.Published.Any(k => k.KeyId == hit.KeyId) == true)
        {
            error = "";
            return hit.Principal;
        }

        var principal = Check(token, audiences, out error, out var keyId, out var audience, out var expires);
        if (principal is not null)
        {
            if (verified.Count >= CacheLimit)
            {
                verified.Clear();
            }

            verified[token] = (principal, keyId, audience, expires);
        }

        return principal;
    }

    private TokenPrincipal? Check(string token, IReadOnlyCollection<string> audiences, out string error, out string keyId, out string audienceSeen,
        out DateTimeOffset expires)
    {
        keyId = "";
        audienceSeen = "";
        expires = default;
        error = "Access token validation failure. Invalid audience.";
        var parts = token.Split('.');
        if (parts.Length != 3 || token.Length > 16 * 1024 || keys is null)
        {
            error = "IDX14100: JWT is not well formed.";
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.Decode(parts[0]));
            var kid = header.RootElement.TryGetProperty("kid", out var k) ? k.GetString() : null;
            var alg = header.RootElement.TryGetProperty("alg", out var a) ? a.GetString() : null;
            var key = keys.Published.FirstOrDefault(p => p.KeyId == kid);
            if (alg != "RS256" || key is null)
            {
                error = "Access token validation failure. Invalid signature.";
                return null;
            }

            keyId = key.KeyId;
            var signature = Base64Url.Decode(parts[2]);
            if (!key.Rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                error = "Access token validation failure. Invalid signature.";
                return null;
            }

            using var payload = JsonDocument.Parse(Base64Url.Decode(parts[1]));
            var claims = payload.RootElement;
            var now = DateTimeOffset.UtcNow;
            if (!claims.TryGetProperty("exp", out var exp) || (expires = DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64())) + ClockSkew < now)
            {
                error = "Lifetime validation failed, the token is expired.";
                return null;
            }

            if (claims.TryGetProperty("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf.GetInt64()) - ClockSkew > now)
            {
                error = "Lifetime validation failed, the token is not yet valid.";
                return null;
            }

            var audience = claims.TryGetProperty("aud", out var aud) ? aud.GetString()?.TrimEnd('/') : null;
            if (audience is null || !audiences.Contains(audience, StringComparer.OrdinalIgnoreCase))
            {
                return null;
            }

            audienceSeen = audience;

            var roles = claims.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(e => e.GetString() ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var appId = Claim(claims, "appid") ?? Claim(claims, "azp") ?? Claim(claims, "client_id");
            // App-only tokens: the caller is the app; Username stays for Basic-auth service accounts.
            return new TokenPrincipal(appId, null, roles);
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or InvalidOperationException or ArgumentException)
        {
            error = "IDX14100: JWT is not well formed.";
            return null;
        }
    }

    private static string? Claim(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
