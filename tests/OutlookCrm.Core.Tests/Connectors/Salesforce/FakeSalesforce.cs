using System.Net;
using System.Text;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

/// <summary>
/// Replays Salesforce-shaped answers (fixtures) and records every request. Routes registered later
/// win, so a test overrides the defaults (a token answer) by registering its own.
/// </summary>
internal sealed class FakeSalesforce : HttpMessageHandler
{
    public const string LoginUrl = "https://login.salesforce.com";
    public const string Instance = "https://acme.my.salesforce.com";
    public const string Data = "/services/data/v62.0";

    private readonly List<Route> routes = [];

    public FakeSalesforce() => On(HttpMethod.Post, "/services/oauth2/token", Reply.File("token.json"));

    public List<Recorded> Requests { get; } = [];

    public IEnumerable<Recorded> Calls(string operation) => Requests.Where(r => r.Operation == operation);

    /// <summary>Answers in order; the last answer repeats.</summary>
    public FakeSalesforce On(HttpMethod method, string pathPrefix, params Reply[] replies) =>
        On(method, pathPrefix, _ => true, replies);

    public FakeSalesforce On(HttpMethod method, string pathPrefix, Func<Recorded, bool> when, params Reply[] replies)
    {
        var queue = new Queue<Reply>(replies);
        var last = replies[^1];
        return Answer(method, pathPrefix, when, _ => queue.Count > 0 ? queue.Dequeue() : last);
    }

    public FakeSalesforce Answer(HttpMethod method, string pathPrefix, Func<Recorded, bool> when, Func<Recorded, Reply> reply)
    {
        routes.Insert(0, new Route(method, pathPrefix, when, reply));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new Recorded(
            request.Method, request.RequestUri!, body,
            request.Options.TryGetValue(OutboundRequest.Operation, out var op) ? op : null,
            request.Headers.Authorization?.ToString(),
            OutboundRequest.IsIdempotent(request));
        Requests.Add(recorded);
        var route = routes.FirstOrDefault(r => r.Method == request.Method
            && request.RequestUri!.AbsolutePath.StartsWith(r.PathPrefix, StringComparison.Ordinal) && r.When(recorded));
        var reply = route?.Reply(recorded) ?? Reply.Json("[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no fake route\"}]", HttpStatusCode.NotFound);
        return new HttpResponseMessage(reply.Status) { Content = new StringContent(reply.Body, Encoding.UTF8, "application/json") };
    }

    private sealed record Route(HttpMethod Method, string PathPrefix, Func<Recorded, bool> When, Func<Recorded, Reply> Reply);
}

internal sealed record Recorded(HttpMethod Method, Uri Uri, string? Body, string? Operation, string? Authorization, bool Idempotent)
{
    /// <summary>The decoded <c>q</c> parameter of a query or search.</summary>
    public string? Q => Param("q");

    public string? Param(string name) =>
        Uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name)
            .Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    public Dictionary<string, string> Form() =>
        (Body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
}

internal sealed record Reply(HttpStatusCode Status, string Body)
{
    public static Reply Json(string body, HttpStatusCode status = HttpStatusCode.OK) => new(status, body);

    public static Reply File(string name, HttpStatusCode status = HttpStatusCode.OK) => new(status, Fixture(name));

    public static Reply Error(string code, HttpStatusCode status) => new(status, Fixture($"Errors/{code}.json"));

    public static string Fixture(string name) =>
        System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Connectors", "Salesforce", "Fixtures", name));
}
