using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// The one transport every Graph call goes through: bearer token, <c>Prefer</c> headers (ImmutableId
/// always), the operation name for call counting, the per-mailbox concurrency gate and Retry-After
/// waits, and Graph's error body turned into <see cref="GraphServiceException"/>. Retries of 429/5xx
/// happen below, in the outbound pipeline.
/// </summary>
public sealed class GraphHttp(
    IHttpClientFactory httpClientFactory, IAccessTokenSource tokens, Uri baseUri, MailboxConcurrencyLimiter limiter, TimeProvider clock, ILogger? logger = null,
    string? app = null)
{
    public ILogger Logger { get; } = logger ?? NullLogger.Instance;

    public Uri BaseUri { get; } = baseUri;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Sends one request and returns the JSON body (null for 204). <paramref name="url"/> is relative to the Graph root or absolute (a nextLink).</summary>
    /// <param name="beforeRelease">
    /// Looks at a successful answer while the mailbox's gate is still held, so a wait it asks for (a throttled
    /// <c>$batch</c> member) is known before the next request for the mailbox can leave.
    /// </param>
    public Task<JsonElement?> SendAsync(
        string mailbox, HttpMethod method, string url, string operation, GraphResource resource,
        JsonNode? body, CancellationToken cancellationToken, int? pageSize = null, Action<JsonElement?>? beforeRelease = null) =>
        SendAsync(mailbox, method, url, operation, resource, body, async (response, token) =>
        {
            var json = await ReadJsonAsync(response, token);
            beforeRelease?.Invoke(json);
            return json;
        }, HttpCompletionOption.ResponseContentRead, cancellationToken, pageSize);

    /// <summary>
    /// A GET whose answer is read into <typeparamref name="T"/> as it arrives (null for an empty answer): a delta
    /// page of 200 events is never buffered whole, nor held as a document besides the objects made of it.
    /// </summary>
    public Task<T?> GetAsync<T>(string mailbox, string url, string operation, GraphResource resource, CancellationToken cancellationToken, int? pageSize = null)
        where T : class =>
        SendAsync<T?>(mailbox, HttpMethod.Get, url, operation, resource, null, async (response, token) =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            return response.Content.Headers.ContentLength == 0 ? null : await JsonSerializer.DeserializeAsync<T>(stream, Dtos.GraphJson.Options, token);
        }, HttpCompletionOption.ResponseHeadersRead, cancellationToken, pageSize);

    private async Task<TResult> SendAsync<TResult>(
        string mailbox, HttpMethod method, string url, string operation, GraphResource resource, JsonNode? body,
        Func<HttpResponseMessage, CancellationToken, Task<TResult>> read, HttpCompletionOption completion, CancellationToken cancellationToken, int? pageSize)
    {
        // The gate is held until the answer is read, so a streamed page counts against the mailbox's concurrency.
        using var gate = await limiter.EnterAsync(Lane(mailbox), cancellationToken);
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        var response = await SendOnceAsync(mailbox, method, url, operation, resource, body, token, completion, pageSize, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The token expired or was revoked before its cached lifetime ended: refresh it once.
            response.Dispose();
            token = await tokens.RefreshAccessTokenAsync(token, cancellationToken);
            response = await SendOnceAsync(mailbox, method, url, operation, resource, body, token, completion, pageSize, cancellationToken);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw GraphServiceException.FromBody(response.StatusCode, await ReadJsonAsync(response, cancellationToken), RetryAfter.Of(response, Clock));
            }

            return await read(response, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        string mailbox, HttpMethod method, string url, string operation, GraphResource resource,
        JsonNode? body, string token, HttpCompletionOption completion, int? pageSize, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Resolve(url)).WithOperation(operation).WithRetryAfterGate(limiter.Waits, Lane(mailbox));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("Prefer", GraphPrefer.For(resource, pageSize));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        await limiter.Waits.PassAsync(Lane(mailbox), Clock, cancellationToken);
        using var client = httpClientFactory.CreateClient(OutboundHttpServiceCollectionExtensions.ClientName);
        return await client.SendAsync(request, completion, cancellationToken);
    }

    /// <summary>Graph asked the mailbox to wait (a throttled <c>$batch</c> member): every request for it waits too.</summary>
    public void AskedToWait(string mailbox, TimeSpan wait) => limiter.Waits.AskedToWait(Lane(mailbox), Clock.GetUtcNow() + wait);

    /// <summary>
    /// Graph limits and throttles an app per mailbox: the gate and the waits are per Graph host, app and
    /// mailbox, so connectors of other tenants or apps in the same process (or a sandbox beside the real
    /// one) never wait for each other.
    /// </summary>
    private string Lane(string mailbox) => $"{BaseUri.Authority}|{app}|{mailbox}";

    /// <summary>
    /// A relative path under the Graph root, or an absolute link Graph gave us (nextLink, deltaLink).
    /// Absolute links must point at the configured Graph host: the bearer token goes wherever they point,
    /// and a cursor comes back to us from storage.
    /// </summary>
    public Uri Resolve(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("https" or "http"))
        {
            return new Uri(BaseUri, url.TrimStart('/'));
        }

        if (!string.Equals(absolute.GetLeftPart(UriPartial.Authority), BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Refusing to send the Graph token to {absolute.Authority}: links must stay on {BaseUri.Authority}.");
        }

        return absolute;
    }

    /// <summary>The path of a user's resource, e.g. <c>users/alice%40contoso.com/contacts</c>.</summary>
    public static string UserPath(string mailbox, string rest) => $"users/{Uri.EscapeDataString(mailbox)}/{rest}";

    public static string Escape(string id) => Uri.EscapeDataString(id);

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        // Parsed from the buffered answer: a 200-item delta page is never copied into a string as well.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (stream.CanSeek && stream.Length == 0)
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<JsonElement>(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException) when (!response.IsSuccessStatusCode)
        {
            return null; // a gateway's HTML error page: the status says enough
        }
    }
}
