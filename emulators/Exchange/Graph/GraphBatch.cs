using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Exchange.Auth;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>
/// JSON batching: ≤ 20 requests, run in order, honouring <c>dependsOn</c> (a failed dependency
/// answers 424). Injected faults apply to sub-requests by their own operation, so a 429 with
/// Retry-After can come back inside a 200 batch.
/// </summary>
internal sealed class GraphBatch(GraphDispatcher dispatcher, EmulatorAdmin admin, Func<string, string> keyOf)
{
    public const int MaxRequests = 20;

    public GraphResult Run(JsonNode? body, string baseUrl, TokenPrincipal caller, string? clientRequestId)
    {
        if (body?["requests"] is not JsonArray requests)
        {
            return GraphErrors.Error(400, "BadRequest", "Invalid batch payload format.", clientRequestId);
        }

        if (requests.Count > MaxRequests)
        {
            return GraphErrors.Error(400, "BadRequest", $"Invalid batch payload format. The number of requests exceeds the limit of {MaxRequests}.", clientRequestId);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var id = GraphJson.String(request?["id"]);
            if (string.IsNullOrEmpty(id) || !ids.Add(id) || GraphJson.String(request?["method"]) is null || GraphJson.String(request?["url"]) is null)
            {
                return GraphErrors.Error(400, "BadRequest", "Invalid batch payload format: every request needs a unique id, a method and a url.", clientRequestId);
            }

            foreach (var dependency in request?["dependsOn"] as JsonArray ?? [])
            {
                if (GraphJson.String(dependency) is not { } d || !ids.Contains(d) || d == id)
                {
                    return GraphErrors.Error(400, "BadRequest", $"Invalid batch payload format: request '{id}' depends on an unknown or later request.", clientRequestId);
                }
            }
        }

        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var responses = new JsonArray();
        foreach (var request in requests)
        {
            var id = GraphJson.String(request!["id"])!;
            var failed = (request["dependsOn"] as JsonArray ?? []).Select(GraphJson.String).FirstOrDefault(d => statuses[d!] >= 400);
            var result = failed is not null
                ? GraphErrors.Error(424, "FailedDependency", $"The request depends on request '{failed}', which failed.", clientRequestId)
                : RunOne(request, baseUrl, caller);
            statuses[id] = result.Status;
            var headers = new JsonObject();
            foreach (var (name, value) in result.Headers)
            {
                headers[name] = value;
            }

            if (result.Body is not null)
            {
                headers["Content-Type"] = "application/json";
            }

            var response = new JsonObject { ["id"] = id, ["status"] = result.Status, ["headers"] = headers };
            if (result.Body is not null)
            {
                response["body"] = result.Body;
            }

            responses.Add(response);
        }

        return new GraphResult(200, new JsonObject { ["responses"] = responses });
    }

    private GraphResult RunOne(JsonNode request, string baseUrl, TokenPrincipal caller)
    {
        var method = GraphJson.String(request["method"])!.ToUpperInvariant();
        var url = GraphJson.String(request["url"])!;
        var (path, query) = Split(url);
        var headers = request["headers"] as JsonObject;
        string? Header(string name) =>
            headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { } v ? GraphJson.String(v) : null;

        var operation = GraphDispatcher.Operation(method, path);
        var key = GraphDispatcher.UserSegment(path) is { } user ? keyOf(user) : "graph";
        if (admin.Faults.Take(operation, "/v1.0" + path, insideBatch: true) is { Status: > 0 } fault)
        {
            var result = GraphErrors.Error(fault.Status, fault.Code ?? GraphEmulator.DefaultCode(fault.Status),
                fault.Message ?? "Injected fault.", Header("client-request-id"));
            if (fault.RetryAfterSeconds is { } seconds)
            {
                result.With("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                admin.Throttling.AskedToWait(key, DateTimeOffset.UtcNow.AddSeconds(seconds));
            }

            return result;
        }

        var answer = dispatcher.Dispatch(new GraphCall
        {
            Method = method,
            Path = path,
            Query = query,
            Prefer = GraphPreferences.Parse([Header("Prefer")]),
            Body = request["body"]?.DeepClone(),
            BaseUrl = baseUrl,
            Caller = caller,
            ClientRequestId = Header("client-request-id"),
            IfMatch = Header("If-Match"),
        });
        admin.BatchMembers.Record(new JournalEntry(DateTimeOffset.UtcNow, method, "/v1.0" + path, operation, key, answer.Status, Faulted: false));
        return answer;
    }

    private static (string Path, Dictionary<string, string> Query) Split(string url)
    {
        var relative = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? new Uri(url).PathAndQuery : url;
        if (!relative.StartsWith('/'))
        {
            relative = "/" + relative;
        }

        if (relative.StartsWith("/v1.0/", StringComparison.OrdinalIgnoreCase))
        {
            relative = relative[5..];
        }

        var q = relative.IndexOf('?');
        // Like any HTTP server, decode percent-escapes in the path (a client may escape '=' in an id as %3D).
        var path = string.Join('/', (q < 0 ? relative : relative[..q]).Split('/').Select(Uri.UnescapeDataString));
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (q >= 0)
        {
            foreach (var pair in relative[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                query[name] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return (path, query);
    }
}
