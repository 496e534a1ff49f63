using System.Security.Cryptography;
using System.Text;

namespace OutlookCrm.Core.Notifications;

/// <summary>
/// The <c>clientState</c> of a Graph subscription: a random secret per subscription that Graph repeats in
/// every notification, so a notification that lacks it did not come from Graph. Only its SHA-256 is stored;
/// the comparison runs in constant time. Never log either.
/// </summary>
public static class ClientStateSecret
{
    /// <summary>32 random bytes, base64url (43 characters; Graph allows 128).</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string clientState) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(clientState)));

    /// <summary>True when <paramref name="presented"/> hashes to <paramref name="storedHash"/>; constant time in the hash.</summary>
    public static bool Matches(string? presented, string storedHash)
    {
        if (presented is null || presented.Length > 1024)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        if (!Convert.TryFromBase64String(storedHash, expected, out var written) || written != 32)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expected);
    }
}
