using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace OutlookCrm.Api.Auth;

/// <summary>
/// Tokens that passed full validation, kept until they expire, so a salesperson's pane pays one RSA
/// check and one JWT parse per token rather than per request (they were ~28 % of a cached lookup's
/// CPU). Nothing is accepted that the full check would refuse: an entry lives until the token's
/// <c>exp</c> plus the allowed clock skew, exactly the window the full check accepts, and it belongs
/// to the signing-key set it was checked against, so when the OIDC metadata is fetched again (key
/// rollover, a retired key, the periodic refresh) every token is checked again in full. Keys are
/// SHA-256 digests, so the cache never holds a usable bearer token; at most
/// <see cref="Capacity"/> entries (the least recently used go first).
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider clock) : IDisposable
{
    public const int Capacity = 10_000;

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>The token's entry while it has not expired, else null. The caller checks <see cref="ValidatedToken.KeySet"/>.</summary>
    public ValidatedToken? Find(string token)
    {
        var key = Key(token);
        if (!entries.TryGetValue(key, out ValidatedToken? entry) || entry is null)
        {
            return null;
        }

        if (clock.GetUtcNow() >= entry.ValidUntil)
        {
            entries.Remove(key);
            return null;
        }

        return entry;
    }

    public void Add(string token, object keySet, DateTimeOffset validUntil, ClaimsIdentity identity)
    {
        var lifetime = validUntil - clock.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new ValidatedToken([.. identity.Claims], identity.AuthenticationType, identity.RoleClaimType, keySet, validUntil);
        entries.Set(Key(token), entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    public void Dispose() => entries.Dispose();

    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>A validated token's claims and the signing-key set (the metadata instance) they were checked against.</summary>
public sealed record ValidatedToken(Claim[] Claims, string? AuthenticationType, string RoleType, object KeySet, DateTimeOffset ValidUntil)
{
    /// <summary>A principal of its own per request: claims transformation may add to it.</summary>
    public ClaimsPrincipal NewPrincipal() => new(new ClaimsIdentity(Claims, AuthenticationType, ClaimTypes.Name, RoleType));
}
