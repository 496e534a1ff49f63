using System.Collections.Concurrent;
using System.Net;
using System.Text;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Core.Tests.Connectors.Entra;

/// <summary>Stands in for Entra's token endpoint behind the outbound client factory, recording the form MSAL posts.</summary>
public sealed class FakeTokenEndpoint(int status, string fixture) : HttpMessageHandler, IHttpClientFactory, IHttpMessageHandlerFactory
{
    public ConcurrentQueue<(Uri Uri, string Operation, Dictionary<string, string> Form)> Requests { get; } = new();

    /// <summary>When set, every answer waits for it (so concurrent callers can be caught overlapping).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    public HttpMessageHandler CreateHandler(string name)
    {
        Assert.Equal(OutboundHttpServiceCollectionExtensions.ClientName, name);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""));
        Requests.Enqueue((request.RequestUri!, OutboundRequest.OperationOf(request), form));
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Connectors", "Entra", "Fixtures", fixture));
        return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
