using System.Globalization;
using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Entra;

/// <summary>
/// Entra's OAuth error: <c>error</c>, an <c>error_description</c> that starts with the AADSTS code and
/// ends with trace and correlation ids and a timestamp, <c>error_codes</c>, and the same ids as fields.
/// invalid_client answers 401, the others 400.
/// </summary>
public sealed class EntraTokenError(string error, int code, string description) : Exception(description)
{
    public string Error { get; } = error;
    public int Code { get; } = code;
    public int Status => Error == "invalid_client" ? 401 : 400;

    public JsonObject ToJson() => Body(Error, Code, Message);

    public static JsonObject Body(string error, int code, string description)
    {
        var trace = Guid.NewGuid().ToString();
        var correlation = Guid.NewGuid().ToString();
        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description} Trace ID: {trace} Correlation ID: {correlation} Timestamp: {timestamp}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = timestamp,
            ["trace_id"] = trace,
            ["correlation_id"] = correlation,
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={code}",
        };
    }
}
