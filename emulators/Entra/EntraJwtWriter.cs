using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Entra;

/// <summary>Writes compact JWS tokens by hand (RS256), independent of the product's IdentityModel-based validation.</summary>
public static class EntraJwtWriter
{
    public static string Sign(JsonObject header, JsonObject payload, RSA key)
    {
        var signingInput = Encode(header) + "." + Encode(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    public static string Encode(JsonNode node) => Base64Url.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()));
}
