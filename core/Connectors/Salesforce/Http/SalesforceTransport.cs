using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Connectors.Salesforce.Auth;

namespace OutlookCrm.Core.Connectors.Salesforce.Http;

/// <summary>
/// The single edge between the connector and Salesforce: adds the bearer token, sends to the
/// token's <c>instance_url</c>, refreshes once on 401 <c>INVALID_SESSION_ID</c>, retries record locks
/// (bounded, jittered) and maps every failure to <see cref="SalesforceException"/>.
/// <c>REQUEST_LIMIT_EXCEEDED</c> is never retried: the org's daily allocation is spent.
/// </summary>
internal sealed class SalesforceTransport(
    HttpClient http, SalesforceTokenProvider tokens, SalesforceConnectionSettings settings, TimeProvider clock, SalesforceRetryOptions retry,
    ILogger<SalesforceTransport> logger)
{
    /// <summary><c>/services/data/v62.0</c>.</summary>
    public string DataPath { get; } = $"/services/data/v{settings.ApiVersion}";

    public Task<SalesforceToken> TokenAsync(CancellationToken cancellationToken) => tokens.GetAsync(cancellationToken);

    /// <summary>
    /// Sends and reads the answer as JSON, straight from the response stream: a 2,000-record query page
    /// is never held as one string besides its parsed records.
    /// </summary>
    public Task<T> SendAsync<T>(SalesforceCall call, CancellationToken cancellationToken) =>
        SendCoreAsync(call, async response =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent || (stream.CanSeek && stream.Length == 0))
            {
                return default!;
            }

            try
            {
                return (await JsonSerializer.DeserializeAsync<T>(stream, SalesforceJson.Options, cancellationToken))!;
            }
            catch (JsonException ex)
            {
                throw new SalesforceException(response.StatusCode, [new SalesforceError(SalesforceErrorCodes.Unknown, $"unreadable {call.Operation} answer", [])], ex);
            }
        }, cancellationToken);

    public Task<(HttpStatusCode Status, string Body)> SendRawAsync(SalesforceCall call, CancellationToken cancellationToken) =>
        SendCoreAsync(call, async response => (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)), cancellationToken);

    private async Task<TResult> SendCoreAsync<TResult>(SalesforceCall call, Func<HttpResponseMessage, Task<TResult>> read, CancellationToken cancellationToken)
    {
        // UTF-8 bytes straight away: a collection of 200 records is ~100 KB, not worth a string and a copy.
        var payload = call.Body is null ? null : JsonSerializer.SerializeToUtf8Bytes(call.Body, SalesforceJson.Options);
        var refreshed = false;
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(cancellationToken);
            using var request = Build(call, token, payload);
            var idempotent = OutboundRequest.IsIdempotent(request);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await read(response);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = SalesforceErrorReader.Read(response.StatusCode, body);
            if (response.StatusCode == HttpStatusCode.Unauthorized && error.ErrorCode == SalesforceErrorCodes.InvalidSessionId && !refreshed)
            {
                refreshed = true;
                logger.LogInformation("{Operation}: session expired, refreshing the token once", call.Operation);
                await tokens.RefreshAsync(token, cancellationToken);
                continue;
            }

            // The shared pipeline already retried 503 for idempotent calls; don't multiply its attempts.
            var retryable = error.ErrorCode == SalesforceErrorCodes.UnableToLockRow
                || (response.StatusCode == HttpStatusCode.ServiceUnavailable && !idempotent);
            if (retryable && attempt < retry.MaxRetries)
            {
                var delay = retry.DelayFor(attempt);
                logger.LogWarning("{Operation}: {Code}, retry {Retry} in {Delay}", call.Operation, error.ErrorCode, attempt + 1, delay);
                await Task.Delay(delay, clock, cancellationToken);
                continue;
            }

            throw error;
        }
    }

    private static HttpRequestMessage Build(SalesforceCall call, SalesforceToken token, byte[]? payload)
    {
        var request = new HttpRequestMessage(call.Method, new Uri(token.InstanceUrl, call.Path))
            .WithOperation(call.Operation, call.Idempotent);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (payload is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return request;
    }
}
