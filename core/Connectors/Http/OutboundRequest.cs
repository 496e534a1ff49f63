namespace OutlookCrm.Core.Connectors.Http;

/// <summary>Per-request facts the outbound pipeline needs, set by the connector that builds the request.</summary>
public static class OutboundRequest
{
    public static readonly HttpRequestOptionsKey<string> Operation = new("OutlookCrm.Operation");
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("OutlookCrm.Idempotent");

    /// <summary>Names the call for counting and marks whether a retry could repeat a side effect.</summary>
    public static HttpRequestMessage WithOperation(this HttpRequestMessage request, string operation, bool? idempotent = null)
    {
        request.Options.Set(Operation, operation);
        if (idempotent is { } value)
        {
            request.Options.Set(Idempotent, value);
        }

        return request;
    }

    public static string OperationOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Operation, out var name) ? name : $"{request.Method.Method.ToLowerInvariant()}";

    /// <summary>GET, HEAD, PUT, DELETE and OPTIONS are idempotent by HTTP; a connector may say otherwise (a POST query).</summary>
    public static bool IsIdempotent(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(Idempotent, out var flagged))
        {
            return flagged;
        }

        var method = request.Method;
        return method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
            || method == HttpMethod.Delete || method == HttpMethod.Options;
    }
}
