using System.Net;
using System.Text.Json;

namespace OutlookCrm.Core.Connectors.Salesforce.Http;

/// <summary>
/// Turns a failed answer into <see cref="SalesforceException"/>: the REST error array
/// <c>[{"message","errorCode","fields"}]</c>, the OAuth object <c>{"error","error_description"}</c>,
/// or — from a proxy or a maintenance page — text that is not JSON at all.
/// </summary>
internal static class SalesforceErrorReader
{
    public static SalesforceException Read(HttpStatusCode status, string body, bool isTokenEndpoint = false)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return new SalesforceAuthException(status, error.GetString()!, Text(root, "error_description"));
            }

            var errors = ReadErrors(root);
            if (errors.Count > 0)
            {
                return new SalesforceException(status, errors);
            }
        }
        catch (JsonException ex)
        {
            return Fallback(status, body, isTokenEndpoint, ex);
        }

        return Fallback(status, body, isTokenEndpoint, null);
    }

    /// <summary>Reads an error array (also inside a composite sub-response body).</summary>
    public static IReadOnlyList<SalesforceError> ReadErrors(JsonElement root)
    {
        var items = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => [],
        };
        return items
            .Where(e => e.ValueKind == JsonValueKind.Object && (e.TryGetProperty("errorCode", out _) || e.TryGetProperty("statusCode", out _)))
            .Select(e => new SalesforceError(
                e.TryGetProperty("errorCode", out _) ? Text(e, "errorCode") : Text(e, "statusCode"),
                Text(e, "message"),
                e.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
                    ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
                    : []))
            .ToList();
    }

    private static SalesforceException Fallback(HttpStatusCode status, string body, bool isTokenEndpoint, Exception? inner)
    {
        var code = status == HttpStatusCode.ServiceUnavailable ? SalesforceErrorCodes.ServerUnavailable : SalesforceErrorCodes.Unknown;
        var message = body.Length > 300 ? body[..300] : body;
        return isTokenEndpoint
            ? new SalesforceAuthException(status, code, message, inner)
            : new SalesforceException(status, [new SalesforceError(code, message, [])], inner);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
