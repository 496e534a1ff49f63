using System.Net;
using System.Text;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Connectors.Graph;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

/// <summary>A token Graph refuses before its cached lifetime ends (revoked, clock skew) is refreshed once, not once per call and not forever.</summary>
public sealed class TokenRefreshTests
{
    private const string Expired = """{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{}}}""";

    [Fact]
    public async Task A_401_refreshes_the_token_once_and_the_call_goes_through_with_the_new_one()
    {
        var tokens = new RotatingTokens();
        var graph = new ScriptedGraph((HttpStatusCode.Unauthorized, Expired), (HttpStatusCode.OK, """{"id":"c-1"}"""));

        var json = await Http(graph, tokens).SendAsync("alice@contoso.com", HttpMethod.Get, "users/alice/contacts/c-1", "graph.contacts.get", GraphResource.Contacts, null, default);

        Assert.Equal("c-1", json!.Value.GetProperty("id").GetString());
        Assert.Equal(["Bearer token-1", "Bearer token-2"], graph.Authorizations);
        Assert.Equal(["token-1"], tokens.Rejected);
    }

    [Fact]
    public async Task A_second_401_with_the_fresh_token_is_Graphs_answer_not_a_loop()
    {
        var tokens = new RotatingTokens();
        var graph = new ScriptedGraph((HttpStatusCode.Unauthorized, Expired), (HttpStatusCode.Unauthorized, Expired), (HttpStatusCode.OK, "{}"));

        var failure = await Assert.ThrowsAsync<GraphServiceException>(() =>
            Http(graph, tokens).SendAsync("alice@contoso.com", HttpMethod.Get, "users/alice/contacts", "graph.contacts.list", GraphResource.Contacts, null, default));

        Assert.Equal("InvalidAuthenticationToken", failure.Code);
        Assert.Equal(2, graph.Authorizations.Count);
    }

    private static GraphHttp Http(ScriptedGraph graph, IAccessTokenSource tokens) =>
        new(graph, tokens, new Uri("https://graph.example.test/v1.0/"), new MailboxConcurrencyLimiter(4), TimeProvider.System);

    /// <summary>Hands out token-1, and token-N+1 when token-N is reported rejected.</summary>
    private sealed class RotatingTokens : IAccessTokenSource
    {
        private int current = 1;

        public List<string> Rejected { get; } = [];

        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult($"token-{current}");

        public Task<string> RefreshAccessTokenAsync(string rejected, CancellationToken cancellationToken)
        {
            Rejected.Add(rejected);
            current++;
            return GetAccessTokenAsync(cancellationToken);
        }
    }

    private sealed class ScriptedGraph(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler, IHttpClientFactory
    {
        private int next;

        public List<string> Authorizations { get; } = [];

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization!.ToString());
            var (status, body) = answers[next++];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
