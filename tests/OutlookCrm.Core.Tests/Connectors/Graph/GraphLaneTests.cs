using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

/// <summary>
/// Graph throttles an app per mailbox: a wait Graph asked of one app's calls for a mailbox holds back
/// that app's calls for that mailbox only, even when the process shares one limiter among connectors.
/// </summary>
public sealed class GraphLaneTests
{
    private const string Alice = "alice@contoso.com";

    [Fact]
    public async Task A_wait_asked_of_one_app_and_host_does_not_hold_back_another_app_or_host_for_the_same_mailbox()
    {
        var limiter = new MailboxConcurrencyLimiter(4);
        var graph = new FakeGraph().On("GET", "/me", _ => FakeAnswer.Json(new JsonObject()));
        var throttled = Http(graph, limiter, "https://graph.example.test/v1.0/", "app-1");
        throttled.AskedToWait(Alice, TimeSpan.FromHours(1));

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // would they wait, the hour would cancel them
        await Http(graph, limiter, "https://graph.example.test/v1.0/", "app-2").SendAsync(Alice, HttpMethod.Get, "me", "graph.me", GraphResource.Other, null, guard.Token);
        await Http(graph, limiter, "https://graph.other.test/v1.0/", "app-1").SendAsync(Alice, HttpMethod.Get, "me", "graph.me", GraphResource.Other, null, guard.Token);
        await throttled.SendAsync("bob@contoso.com", HttpMethod.Get, "me", "graph.me", GraphResource.Other, null, guard.Token);
        Assert.Equal(3, graph.Requests.Count);

        // The throttled lane itself waits.
        using var shortly = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Http(graph, limiter, "https://graph.example.test/v1.0/", "app-1").SendAsync(Alice, HttpMethod.Get, "me", "graph.me", GraphResource.Other, null, shortly.Token));
        Assert.Equal(3, graph.Requests.Count);
    }

    private static GraphHttp Http(FakeGraph graph, MailboxConcurrencyLimiter limiter, string baseUri, string app) =>
        new(graph, new StaticTokens(), new Uri(baseUri), limiter, TimeProvider.System, app: app);
}
