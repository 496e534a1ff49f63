using System.Globalization;
using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>Graph's error factory: <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>.</summary>
public static class GraphErrors
{
    public static GraphResult Error(int status, string code, string message, string? clientRequestId = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = clientRequestId ?? requestId,
                },
            },
        };
        return new GraphResult(status, body).With("request-id", requestId);
    }

    public static GraphResult NotFound(GraphCall call) =>
        Error(404, "ErrorItemNotFound", "The specified object was not found in the store.", call.ClientRequestId);

    public static GraphResult Malformed(GraphCall call) =>
        Error(400, "ErrorInvalidIdMalformed", "Id is malformed.", call.ClientRequestId);

    public static GraphResult BadRequest(GraphCall call, string message, string code = "ErrorInvalidRequest") =>
        Error(400, code, message, call.ClientRequestId);

    public static GraphResult Throttled(string code, string message, int retryAfterSeconds, string? clientRequestId) =>
        Error(429, code, message, clientRequestId).With("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public static GraphResult InvalidToken(string message, string? clientRequestId) =>
        Error(401, "InvalidAuthenticationToken", message, clientRequestId)
            .With("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"");
}
