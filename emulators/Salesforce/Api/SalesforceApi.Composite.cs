using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>
/// Composite: up to 25 subrequests run in order as one API call; <c>@{refId.field}</c> reads an
/// earlier subresponse; with allOrNone one failure rolls everything back and the others answer
/// PROCESSING_HALTED.
/// </summary>
public sealed partial class SalesforceApi
{
    private const int MaxSubrequests = 25;
    private const string Halted = "PROCESSING_HALTED";

    private ApiResult Composite(ApiRequest request)
    {
        var body = Body(request);
        var allOrNone = body["allOrNone"] is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;
        if (body["compositeRequest"] is not JsonArray subrequests)
        {
            throw new SalesforceApiException(400, "JSON_PARSER_ERROR", "compositeRequest is required");
        }

        if (subrequests.Count > MaxSubrequests)
        {
            throw new SalesforceApiException(400, "LIMIT_EXCEEDED", $"Composite request size exceeds limit of {MaxSubrequests}");
        }

        return org.Store.Exclusive(() =>
        {
            var tx = new Transaction(org.Store);
            var done = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            var responses = new List<JsonObject>();
            var failedAt = -1;
            foreach (var node in subrequests)
            {
                var sub = node as JsonObject ?? throw new SalesforceApiException(400, "JSON_PARSER_ERROR", "each subrequest must be a JSON object");
                var referenceId = (string?)sub["referenceId"] ?? throw new SalesforceApiException(400, "JSON_PARSER_ERROR", "referenceId is required");
                if (failedAt >= 0 && allOrNone)
                {
                    responses.Add(SubResponse(400, HaltedBody("The transaction was rolled back since another operation in the same transaction failed."), null, referenceId));
                    continue;
                }

                var response = RunSubrequest(request, sub, referenceId, done, tx, allOrNone);
                done[referenceId] = response;
                responses.Add(response);
                if (failedAt < 0 && ((int)response["httpStatusCode"]! >= 400 || (allOrNone && HasFailedRecord(response))))
                {
                    failedAt = responses.Count - 1;
                }
            }

            if (failedAt >= 0 && allOrNone)
            {
                tx.Rollback();
                for (var i = 0; i < responses.Count; i++)
                {
                    if (i != failedAt && (int)responses[i]["httpStatusCode"]! < 400 && !HasFailedRecord(responses[i]))
                    {
                        responses[i] = SubResponse(400, HaltedBody("The transaction was rolled back since another operation in the same transaction failed."),
                            null, (string)responses[i]["referenceId"]!);
                    }
                }
            }

            return new ApiResult(200, new JsonObject { ["compositeResponse"] = new JsonArray(responses.Select(r => (JsonNode?)r).ToArray()) });
        });
    }

    /// <summary>A collections subresponse answers 200 even when records failed; under allOrNone that fails the composite.</summary>
    private static bool HasFailedRecord(JsonObject response) =>
        response["body"] is JsonArray results
        && results.Any(r => r is JsonObject o && o["success"] is JsonValue ok && ok.TryGetValue<bool>(out var success) && !success);

    private JsonObject RunSubrequest(ApiRequest parent, JsonObject sub, string referenceId, Dictionary<string, JsonObject> done, Transaction tx, bool allOrNone)
    {
        try
        {
            var method = ((string?)sub["method"] ?? "GET").ToUpperInvariant();
            var url = Resolve((string?)sub["url"] ?? "", done);
            var bodyNode = sub["body"]?.DeepClone();
            if (bodyNode is not null)
            {
                bodyNode = ResolveNode(bodyNode, done);
            }

            var match = Regex.Match(url, @"^/services/data/v(?<version>\d+\.\d)/(?<resource>[^?]*)(\?(?<query>.*))?$");
            if (!match.Success)
            {
                throw new SalesforceApiException(400, "INVALID_URL", $"The url {url} is not a valid Salesforce REST API resource.");
            }

            var resource = match.Groups["resource"].Value;
            if (resource.TrimEnd('/') == "composite")
            {
                throw new SalesforceApiException(400, "INVALID_URL", "Composite requests cannot be nested.");
            }

            var query = QueryHelpers.ParseQuery(match.Groups["query"].Value).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
            var inner = new ApiRequest(method, match.Groups["version"].Value, resource, query, bodyNode, parent.Session) { ForceAllOrNone = allOrNone };
            var result = Handle(inner, tx);
            var headers = new JsonObject();
            if (result.Location is not null && result.Status == 201)
            {
                headers["Location"] = result.Location;
            }

            return SubResponse(result.Status, result.Materialize(), headers, referenceId);
        }
        catch (UnresolvedReferenceException e)
        {
            return SubResponse(400, HaltedBody(e.Message), null, referenceId);
        }
        catch (SalesforceApiException e)
        {
            return SubResponse(e.Status, SalesforceErrors.RestBody(e.Errors), null, referenceId);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidCastException)
        {
            return SubResponse(400, SalesforceErrors.RestBody([new ApiError("JSON_PARSER_ERROR", e.Message)]), null, referenceId);
        }
    }

    private static JsonObject SubResponse(int status, JsonNode? body, JsonObject? headers, string referenceId) => new()
    {
        ["body"] = body,
        ["httpHeaders"] = headers ?? new JsonObject(),
        ["httpStatusCode"] = status,
        ["referenceId"] = referenceId,
    };

    private static JsonArray HaltedBody(string message) => SalesforceErrors.RestBody([new ApiError(Halted, message)]);

    private static JsonNode ResolveNode(JsonNode node, Dictionary<string, JsonObject> done)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is { } child)
                    {
                        obj[key] = ResolveNode(child.DeepClone(), done);
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child)
                    {
                        array[i] = ResolveNode(child.DeepClone(), done);
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Contains("@{", StringComparison.Ordinal):
                var whole = Regex.Match(text, @"^@\{(?<ref>[^}]+)\}$");
                return whole.Success ? Lookup(whole.Groups["ref"].Value, done)?.DeepClone() ?? JsonValue.Create("")! : JsonValue.Create(Resolve(text, done))!;
            default:
                return node;
        }
    }

    private static string Resolve(string text, Dictionary<string, JsonObject> done) =>
        Regex.Replace(text, @"@\{(?<ref>[^}]+)\}", m => Lookup(m.Groups["ref"].Value, done) switch
        {
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            { } other => other.ToJsonString(),
            null => "",
        });

    /// <summary>Reads <c>refId.path</c> (dots and <c>[n]</c>) from an earlier subresponse body.</summary>
    private static JsonNode? Lookup(string reference, Dictionary<string, JsonObject> done)
    {
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        var referenceId = dot < 0 ? reference : reference[..dot];
        if (!done.TryGetValue(referenceId, out var response) || (int)response["httpStatusCode"]! >= 400)
        {
            throw new UnresolvedReferenceException($"Invalid reference specified. No value for {reference} found in {referenceId}. Provided referenceId ({referenceId}) must be a previous subrequest that succeeded.");
        }

        JsonNode? current = response["body"];
        foreach (Match part in Regex.Matches(dot < 0 ? "" : reference[(dot + 1)..], @"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]"))
        {
            current = part.Groups["index"].Success
                ? (current is JsonArray array && int.Parse(part.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < array.Count ? array[i] : null)
                : (current as JsonObject)?[part.Groups["name"].Value];
        }

        return current ?? throw new UnresolvedReferenceException($"Invalid reference specified. No value for {reference} found in {referenceId}.");
    }

    private sealed class UnresolvedReferenceException(string message) : Exception(message);
}
