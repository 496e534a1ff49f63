using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OutlookCrm.Core.Connectors.Salesforce.Auth;

/// <summary>
/// The RS256 assertion of Salesforce's OAuth 2.0 JWT bearer flow: iss = the connected app's
/// consumer key, sub = the integration user, aud = the login URL, exp within three minutes.
/// </summary>
internal static class JwtBearerAssertion
{
    /// <summary>Salesforce wants exp within three minutes; the margin absorbs clock skew between us and it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(150);

    public static string Create(string clientId, string username, string audience, string privateKeyPem, DateTimeOffset now)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256" }));
        var claims = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = username,
            ["aud"] = audience.TrimEnd('/'),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        };
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signingInput = $"{header}.{payload}";

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(privateKeyPem);
        }
        catch (ArgumentException ex)
        {
            throw new SalesforceAuthException(null, "invalid_private_key", "privateKeyPem is not a PEM RSA private key", ex);
        }

        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
