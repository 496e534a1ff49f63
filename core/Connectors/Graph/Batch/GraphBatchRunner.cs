using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace OutlookCrm.Core.Connectors.Graph.Batch;

/// <summary>
/// Sends any number of requests as <c>$batch</c> calls of at most 20 and returns one response per
/// request id. Sub-responses answered 429/503/504 are re-sent — only those — after waiting at least
/// their Retry-After; a wait longer than the in-line limit is handed back as the sub-response itself.
/// Batches run in parallel; the mailbox gate in <see cref="GraphHttp"/> keeps it to 4 at once.
/// </summary>
public sealed class GraphBatchRunner(GraphHttp http, GraphConnectorOptions options)
{
    public const string Operation = "graph.batch";

    public async Task<IReadOnlyDictionary<string, BatchResponse>> SendAsync(
        string mailbox, IReadOnlyList<BatchRequest> requests, CancellationToken cancellationToken)
    {
        var chunks = requests.Chunk(Math.Clamp(options.BatchSize, 1, 20));
        var results = await Task.WhenAll(chunks.Select(chunk => SendWithRetriesAsync(mailbox, chunk, cancellationToken)));
        return results.SelectMany(r => r).ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    private async Task<List<BatchResponse>> SendWithRetriesAsync(string mailbox, BatchRequest[] chunk, CancellationToken cancellationToken)
    {
        var done = new List<BatchResponse>(chunk.Length);
        IReadOnlyList<BatchRequest> pending = chunk;
        for (var attempt = 0; ; attempt++)
        {
            var responses = await SendOnceAsync(mailbox, pending, cancellationToken);
            var throttled = responses.Where(r => r.IsRetryable).ToList();
            done.AddRange(responses.Where(r => !r.IsRetryable));
            if (throttled.Count == 0)
            {
                return done;
            }

            var wait = throttled.Max(r => r.RetryAfter) ?? options.DefaultRetryDelay * Math.Pow(2, attempt);
            if (attempt >= options.MaxBatchRetries || wait > options.MaxInlineRetryAfter)
            {
                done.AddRange(throttled);
                return done;
            }

            http.Logger.LogInformation("Graph throttled {Count} of {Total} batch members for {Mailbox}; resending them in {Wait}", throttled.Count, pending.Count, mailbox, wait);
            // Never sooner than asked, and not the other batches of the mailbox either: Graph counts early requests against the app.
            http.AskedToWait(mailbox, wait);
            await Task.Delay(wait, http.Clock, cancellationToken);
            var again = throttled.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            pending = pending.Where(r => again.Contains(r.Id)).ToList();
        }
    }

    private async Task<IReadOnlyList<BatchResponse>> SendOnceAsync(string mailbox, IReadOnlyList<BatchRequest> requests, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["requests"] = new JsonArray(requests.Select(ToJson).ToArray()) };
        JsonElement? answer;
        try
        {
            answer = await http.SendAsync(mailbox, HttpMethod.Post, "$batch", Operation, GraphResource.Other, body, cancellationToken,
                beforeRelease: answered => WaitAskedFor(mailbox, answered));
        }
        catch (GraphServiceException failure)
        {
            // The whole batch failed (401, 5xx after the pipeline's retries): every item shares its fate.
            var error = JsonSerializer.SerializeToElement(new { error = new { code = failure.Code, message = failure.GraphMessage } });
            return requests.Select(r => new BatchResponse(r.Id, (int)failure.Status, error, failure.RetryAfter)).ToList();
        }

        var now = http.Clock.GetUtcNow();
        var byId = new Dictionary<string, BatchResponse>(StringComparer.Ordinal);
        if (answer is { } root && root.TryGetProperty("responses", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                var id = item.GetProperty("id").GetString() ?? "";
                var status = item.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 500;
                JsonElement? itemBody = item.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null ? b.Clone() : null;
                byId[id] = new BatchResponse(id, status, itemBody, BatchResponse.ReadRetryAfter(item, now));
            }
        }

        // A response Graph left out is an error for that item, not a silent success.
        return requests.Select(r => byId.TryGetValue(r.Id, out var response)
            ? response
            : new BatchResponse(r.Id, (int)HttpStatusCode.BadGateway, null, null)).ToList();
    }

    /// <summary>
    /// A member answered 429 with Retry-After: the whole mailbox waits, starting before the batch's slot
    /// is given to the next request (the parallel batches would otherwise leave early).
    /// </summary>
    private void WaitAskedFor(string mailbox, JsonElement? answer)
    {
        if (answer is not { } root || !root.TryGetProperty("responses", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var now = http.Clock.GetUtcNow();
        var longest = list.EnumerateArray().Select(item => BatchResponse.ReadRetryAfter(item, now)).Max();
        if (longest is { } wait && wait > TimeSpan.Zero && wait <= options.MaxInlineRetryAfter)
        {
            http.AskedToWait(mailbox, wait);
        }
    }

    private static JsonNode ToJson(BatchRequest request)
    {
        var headers = new JsonObject { ["Prefer"] = GraphPrefer.For(request.Resource) };
        var node = new JsonObject
        {
            ["id"] = request.Id,
            ["method"] = request.Method.Method,
            ["url"] = "/" + request.Url.TrimStart('/'),
        };
        if (request.Body is not null)
        {
            headers["Content-Type"] = "application/json";
            node["body"] = request.Body.DeepClone();
        }

        node["headers"] = headers;
        return node;
    }
}
