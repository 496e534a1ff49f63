namespace OutlookCrm.Core.Connectors.Http;

/// <summary>Per-request facts the outbound pipeline needs, set by the connector that builds the request.</summary>
public static class OutboundRequest
{
    public static readonly HttpRequestOptionsKey<string> Operation = new("OutlookCrm.Operation");
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("OutlookCrm.Idempotent");
    public static readonly HttpRequestOptionsKey<bool> ServerErrorsAreAnswers = new("OutlookCrm.ServerErrorsAreAnswers");
    public static readonly HttpRequestOptionsKey<RetryAfterLane> RetryAfterLane = new("OutlookCrm.RetryAfterLane");

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

    /// <summary>
    /// For protocols whose 5xx carries a real answer (EWS returns every SOAP fault, including a denied
    /// impersonation, as HTTP 500): the pipeline then retries only 429s and connection failures, and
    /// the connector reads the fault and applies its own back-off (EWS <c>BackOffMilliseconds</c>).
    /// </summary>
    public static HttpRequestMessage WithServerErrorsAsAnswers(this HttpRequestMessage request)
    {
        request.Options.Set(ServerErrorsAreAnswers, true);
        return request;
    }

    /// <summary>Every attempt waits while <paramref name="key"/> is asked to wait, and a Retry-After in an answer makes the whole key wait.</summary>
    public static HttpRequestMessage WithRetryAfterGate(this HttpRequestMessage request, RetryAfterGate gate, string key)
    {
        request.Options.Set(RetryAfterLane, new RetryAfterLane(gate, key));
        return request;
    }

    public static bool TreatsServerErrorsAsAnswers(HttpRequestMessage request) =>
        request.Options.TryGetValue(ServerErrorsAreAnswers, out var flag) && flag;

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
