using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookCrm.Core.Connectors.Graph.Batch;

/// <summary>One request inside <c>$batch</c>; <see cref="Url"/> is relative to the version root (<c>users/...</c>).</summary>
public sealed record BatchRequest(string Id, HttpMethod Method, string Url, GraphResource Resource, JsonNode? Body = null);

/// <summary>One sub-response: its own status, body and (when throttled) Retry-After.</summary>
public sealed record BatchResponse(string Id, int Status, JsonElement? Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Throttled or briefly unavailable: the sub-request was not carried out and may be sent again.</summary>
    public bool IsRetryable => Status is 429 or 503 or 504;

    public GraphServiceException ToException() => GraphServiceException.FromBody((HttpStatusCode)Status, Body, RetryAfter);

    /// <summary>Graph's error code, or the HTTP status name when the body has none.</summary>
    public string ErrorCode => GraphServiceException.ReadError(Body).Code ?? ((HttpStatusCode)Status).ToString();

    public string ErrorMessage => GraphServiceException.ReadError(Body).Message ?? $"HTTP {Status}";

    internal static TimeSpan? ReadRetryAfter(JsonElement response, DateTimeOffset now)
    {
        if (!response.TryGetProperty("headers", out var headers) || headers.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var header in headers.EnumerateObject())
        {
            if (!header.Name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = header.Value.ValueKind == JsonValueKind.Number ? header.Value.GetRawText() : header.Value.GetString();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Max(0, seconds));
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }
}
