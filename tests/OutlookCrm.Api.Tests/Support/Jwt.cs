using System.Text;
using System.Text.Json.Nodes;

namespace OutlookCrm.Api.Tests.Support;

/// <summary>Hand-made token pieces for the attacks the handler must refuse.</summary>
internal static class Jwt
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Encode(JsonNode node) => Encode(Encoding.UTF8.GetBytes(node.ToJsonString()));

    public static JsonObject Payload(string token)
    {
        var segment = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        segment = segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '=');
        return JsonNode.Parse(Convert.FromBase64String(segment))!.AsObject();
    }
}
