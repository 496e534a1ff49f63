using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Entra;

/// <summary>
/// Reads a compact RS256 JWS (a client assertion) by hand, independent of any JWT library the
/// product uses: header and claims, and a signature check against a registered certificate or key.
/// </summary>
public sealed class JwsReader
{
    private readonly string signingInput;
    private readonly byte[] signature;

    private JwsReader(JsonObject header, JsonObject payload, string signingInput, byte[] signature)
    {
        Header = header;
        Payload = payload;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    public JsonObject Header { get; }
    public JsonObject Payload { get; }

    public static JwsReader? TryRead(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.Decode(parts[0])) as JsonObject;
            var payload = JsonNode.Parse(Base64Url.Decode(parts[1])) as JsonObject;
            return header is null || payload is null
                ? null
                : new JwsReader(header, payload, parts[0] + "." + parts[1], Base64Url.Decode(parts[2]));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public string? Claim(string name) => Payload[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A NumericDate claim; MSAL.NET writes <c>exp</c>/<c>nbf</c> as strings, so numeric strings count too.</summary>
    public long? NumericClaim(string name) => Payload[name] switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>RS256 only, as Salesforce's JWT bearer flow requires.</summary>
    public bool VerifiedBy(RSA key) => VerifiedBy(key, allowPss: false);

    /// <summary>RS256, or PS256 when <paramref name="allowPss"/> (Entra accepts both for client assertions).</summary>
    public bool VerifiedBy(RSA key, bool allowPss)
    {
        var padding = (string?)Header["alg"] switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" when allowPss => RSASignaturePadding.Pss,
            _ => null,
        };
        return padding is not null && key.VerifyData(Encoding.ASCII.GetBytes(signingInput), signature, HashAlgorithmName.SHA256, padding);
    }

    /// <summary>A public key from a PEM certificate or a PEM public key.</summary>
    public static RSA? PublicKeyFromPem(string pem)
    {
        try
        {
            if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                return certificate.GetRSAPublicKey();
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
