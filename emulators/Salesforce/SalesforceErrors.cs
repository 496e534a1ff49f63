using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Salesforce;

/// <summary>
/// The one place Salesforce error bodies are shaped. REST resources answer an array of
/// <c>{"message","errorCode","fields"}</c>; per-record results (collections, composite sub-results
/// of SaveResult shape) use <c>{"statusCode","message","fields"}</c>; the OAuth endpoints answer
/// <c>{"error","error_description"}</c>.
/// </summary>
public static class SalesforceErrors
{
    public static JsonArray RestBody(IEnumerable<ApiError> errors) =>
        new(errors.Select(e =>
        {
            var node = new JsonObject { ["message"] = e.Message, ["errorCode"] = e.ErrorCode };
            if (e.Fields is not null)
            {
                node["fields"] = new JsonArray(e.Fields.Select(f => (JsonNode?)f).ToArray());
            }

            return (JsonNode?)node;
        }).ToArray());

    public static JsonArray SaveResultErrors(IEnumerable<ApiError> errors) =>
        new(errors.Select(e => (JsonNode?)new JsonObject
        {
            ["statusCode"] = e.ErrorCode,
            ["message"] = e.Message,
            ["fields"] = new JsonArray((e.Fields ?? []).Select(f => (JsonNode?)f).ToArray()),
        }).ToArray());

    public static JsonObject OAuthBody(string error, string description) =>
        new() { ["error"] = error, ["error_description"] = description };
}
