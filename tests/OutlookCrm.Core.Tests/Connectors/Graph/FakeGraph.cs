using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Connectors.Graph;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

/// <summary>A request as it reached the wire (or, for <see cref="FakeGraph.SubRequests"/>, as a <c>$batch</c> member).</summary>
public sealed record Recorded(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, DateTimeOffset At)
{
    public string PathAndQuery => Uri.UnescapeDataString(Uri.PathAndQuery);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What a fake route answers: a status, a JSON body and headers.</summary>
public sealed record FakeAnswer(int Status, JsonNode? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeAnswer Json(JsonNode body, int status = 200) => new(status, body);

    public static FakeAnswer Error(int status, string code, string message = "fake error", IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["innerError"] = new JsonObject { ["request-id"] = "req-1", ["date"] = "2026-11-21T08:00:00" } } }, headers);
}

/// <summary>
/// A Graph stand-in inside an <see cref="HttpMessageHandler"/>: routes answer single requests and
/// <c>$batch</c> members alike (the batch is unpacked and answered per member, in Graph's response
/// shape), every request is recorded, and the number of requests in flight is tracked.
/// </summary>
public sealed class FakeGraph : HttpMessageHandler, IHttpClientFactory
{
    public const string Root = "https://graph.test/v1.0/";
    private readonly List<(Func<Recorded, bool> Match, Func<Recorded, FakeAnswer> Answer)> routes = [];
    private readonly ConcurrentQueue<Recorded> requests = new();
    private readonly ConcurrentQueue<Recorded> subRequests = new();
    private int inFlight;

    public TimeSpan Latency { get; set; }
    public int MaxInFlight { get; private set; }
    public IReadOnlyList<Recorded> Requests => requests.ToList();
    public IReadOnlyList<Recorded> SubRequests => subRequests.ToList();
    public Func<HttpRequestMessage, Exception?>? Fault { get; set; }

    public IEnumerable<Recorded> All => Requests.Where(r => !r.Uri.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal)).Concat(SubRequests);

    public FakeGraph On(Func<Recorded, bool> match, Func<Recorded, FakeAnswer> answer)
    {
        lock (routes)
        {
            routes.Add((match, answer));
        }

        return this;
    }

    public FakeGraph On(string method, string pathContains, Func<Recorded, FakeAnswer> answer) =>
        On(r => r.Method == method && r.PathAndQuery.Contains(pathContains, StringComparison.Ordinal), answer);

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public GraphMailboxConnector Connector(GraphConnectorOptions? options = null, IAccessTokenSource? tokens = null, MailboxConcurrencyLimiter? limiter = null) =>
        new(new GraphConnectionSettings { GraphUrl = Root.TrimEnd('/'), Auth = new GraphAuthSettings { TenantId = "t", ClientId = "c", ClientSecret = "s" } },
            tokens ?? new StaticTokens(), this, options ?? new GraphConnectorOptions(), TimeProvider.System, limiter ?? new MailboxConcurrencyLimiter(4));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        lock (routes)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
        }

        try
        {
            if (Fault?.Invoke(request) is { } fault)
            {
                throw fault;
            }

            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            var recorded = new Recorded(request.Method.Method, request.RequestUri!, Headers(request), body, DateTimeOffset.UtcNow);
            requests.Enqueue(recorded);
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, cancellationToken);
            }

            var answer = recorded.Uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) ? Batch(recorded) : Answer(recorded);
            var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
            {
                Content = answer.Body is null ? null : new StringContent(answer.Body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private FakeAnswer Answer(Recorded request)
    {
        lock (routes)
        {
            foreach (var (match, answer) in routes)
            {
                if (match(request))
                {
                    return answer(request);
                }
            }
        }

        return FakeAnswer.Error(501, "NotImplementedInFake", $"{request.Method} {request.PathAndQuery}");
    }

    private FakeAnswer Batch(Recorded batch)
    {
        var members = JsonNode.Parse(batch.Body!)!["requests"]!.AsArray();
        Assert.InRange(members.Count, 1, 20);
        var responses = new JsonArray();
        foreach (var member in members)
        {
            var headers = member!["headers"]?.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase)
                ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var url = member["url"]!.GetValue<string>();
            Assert.StartsWith("/", url);
            var sub = new Recorded(member["method"]!.GetValue<string>(), new Uri(new Uri(Root), url.TrimStart('/')), headers, member["body"]?.ToJsonString(), batch.At);
            subRequests.Enqueue(sub);
            var answer = Answer(sub);
            var response = new JsonObject { ["id"] = member["id"]!.GetValue<string>(), ["status"] = answer.Status };
            if (answer.Headers is { } h)
            {
                response["headers"] = new JsonObject(h.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
            }

            if (answer.Body is not null)
            {
                response["body"] = answer.Body.DeepClone();
            }

            responses.Add(response);
        }

        // Graph may answer members in any order.
        return FakeAnswer.Json(new JsonObject { ["responses"] = new JsonArray(responses.Reverse().Select(r => r!.DeepClone()).ToArray()) });
    }

    private static Dictionary<string, string> Headers(HttpRequestMessage request)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return headers;
    }

    public static JsonNode Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Connectors", "Graph", "Fixtures", name)))!;

    public static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);
}

public sealed class StaticTokens : IAccessTokenSource
{
    public int Calls;

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        return Task.FromResult("fake-token");
    }
}
