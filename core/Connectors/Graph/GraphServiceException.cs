using System.Net;
using System.Text.Json;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// A Graph error answer: the HTTP status and Graph's <c>{"error":{"code","message","innerError"}}</c>
/// (code such as <c>ErrorAccessDenied</c>, <c>ErrorInvalidUser</c>, <c>ErrorItemNotFound</c>).
/// </summary>
public sealed class GraphServiceException(HttpStatusCode status, string code, string message, TimeSpan? retryAfter = null, string? requestId = null)
    : Exception($"Graph answered {(int)status} {code}: {message}")
{
    public HttpStatusCode Status { get; } = status;
    public string Code { get; } = code;
    public string GraphMessage { get; } = message;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public string? RequestId { get; } = requestId;

    /// <summary>Reads Graph's error body; a body in another shape (a proxy's HTML) keeps the HTTP reason as code.</summary>
    public static GraphServiceException FromBody(HttpStatusCode status, JsonElement? body, TimeSpan? retryAfter)
    {
        var (code, message, requestId) = ReadError(body);
        return new GraphServiceException(status, code ?? status.ToString(), message ?? $"HTTP {(int)status}", retryAfter, requestId);
    }

    public static (string? Code, string? Message, string? RequestId) ReadError(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null);
        }

        string? requestId = null;
        if (error.TryGetProperty("innerError", out var inner) && inner.ValueKind == JsonValueKind.Object
            && inner.TryGetProperty("request-id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            requestId = id.GetString();
        }

        return (Text(error, "code"), Text(error, "message"), requestId);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
