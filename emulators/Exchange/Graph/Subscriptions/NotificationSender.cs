using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using OutlookCrm.Emulators.Common;

namespace OutlookCrm.Emulators.Exchange.Graph.Subscriptions;

/// <summary>
/// Graph's outbound side: the <c>validationToken</c> handshake when a subscription is created, and change
/// notifications posted off the request path from one background loop, which batches what queued up for the same
/// URL into one <c>{"value":[…]}</c> (as Graph does) and tries a failed post three times. HTTPS only; a receiver's
/// certificate must chain to the machine's roots or to this emulator's own CA (tests give the receiver a
/// certificate from that CA, which is how they stand in for a publicly trusted one).
/// </summary>
public sealed class NotificationSender : IAsyncDisposable
{
    private const int MaxBatch = 100;
    private readonly HttpClient http;
    private readonly Channel<(string Url, JsonObject Notification)> queue =
        Channel.CreateUnbounded<(string, JsonObject)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<NotificationDelivery> deliveries = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public NotificationSender(EmulatorCertificates certificates)
    {
        http = new HttpClient(Handler(certificates.Authority)) { Timeout = Timeout.InfiniteTimeSpan };
        loop = Task.Run(() => RunAsync(stopping.Token));
    }

    /// <summary>Graph gives a receiver 10 s to echo the token; tests of the timeout shorten it.</summary>
    public TimeSpan ValidationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<NotificationDelivery> Deliveries => deliveries.ToArray();

    public void Clear() => deliveries.Clear();

    /// <summary>Null when the receiver echoed the token in time; else Graph's error code and message.</summary>
    public async Task<(string Code, string Message)?> ValidateAsync(string notificationUrl, CancellationToken cancellationToken)
    {
        // Graph's tokens are opaque text with spaces and colons: the receiver must URL-decode it.
        var token = $"Validation: Testing client application reachability for subscription Request-Id: {Guid.NewGuid()}";
        var url = notificationUrl + (notificationUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "validationToken=" + Uri.EscapeDataString(token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ValidationTimeout);
        try
        {
            using var content = new StringContent("", Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync(url, content, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return ("ValidationError",
                    $"Subscription validation request failed. HTTP status code is '{response.StatusCode}'. Notification endpoint must respond with 200 OK to validation request.");
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/plain" || body != token)
            {
                return ("ValidationError", "Subscription validation request failed. Response must exactly match validationToken query parameter.");
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ("InvalidRequest", "Subscription validation request timed out.");
        }
        catch (HttpRequestException e)
        {
            return ("ValidationError", $"Subscription validation request failed. {e.Message}");
        }
    }

    public void Enqueue(string url, JsonObject notification) => queue.Writer.TryWrite((url, notification));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(cancellationToken))
            {
                var batch = new List<(string Url, JsonObject Notification)>();
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                foreach (var group in batch.GroupBy(b => b.Url, StringComparer.Ordinal))
                {
                    await DeliverAsync(group.Key, group.Select(g => g.Notification).ToList(), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(string url, List<JsonObject> notifications, CancellationToken cancellationToken)
    {
        var payload = new JsonObject { ["value"] = new JsonArray([.. notifications]) }.ToJsonString();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var (status, error) = await PostAsync(url, payload, cancellationToken);
            deliveries.Enqueue(new NotificationDelivery(DateTimeOffset.UtcNow, url, notifications.Count, status, error));
            if (status is >= 200 and < 300)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken);
        }
    }

    private async Task<(int Status, string? Error)> PostAsync(string url, string payload, CancellationToken cancellationToken)
    {
        // Graph gives up on a receiver after 3 s and tries again later.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var content = new StringContent(payload, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(url, content, timeout.Token);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, "timed out");
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message);
        }
    }

    private static SocketsHttpHandler Handler(X509Certificate2 authority) => new()
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == System.Net.Security.SslPolicyErrors.None)
                {
                    return true;
                }

                if (errors != System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var leaf = new X509Certificate2(certificate);
                return chain.Build(leaf);
            },
        },
    };

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
        http.Dispose();
    }
}
