using Microsoft.Extensions.Options;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Core.Tests.Connectors.Http;

public sealed class ResilienceHandlerTests : IDisposable
{
    private readonly RemoteCallCounter counter = new();

    [Fact]
    public async Task Idempotent_call_is_retried_on_503_until_it_succeeds_and_each_attempt_is_counted()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(503), _ => ScriptedHandler.Status(503), _ => ScriptedHandler.Status(200));
        using var client = Client(script);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "graph.contacts.get"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3, script.Attempts.Count);
        Assert.Equal(3, counter.ByOperation()["graph.contacts.get"]);
    }

    [Fact]
    public async Task Non_idempotent_call_is_not_retried_on_503()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(503), _ => ScriptedHandler.Status(200));
        using var client = Client(script);

        using var response = await client.SendAsync(Request(HttpMethod.Post, "sf.collections.create"));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Single(script.Attempts);
    }

    [Fact]
    public async Task A_post_flagged_idempotent_is_retried()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(502), _ => ScriptedHandler.Status(200));
        using var client = Client(script);

        using var response = await client.SendAsync(Request(HttpMethod.Post, "sf.composite", idempotent: true));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
    }

    [Fact]
    public async Task Retry_after_is_waited_in_full_and_the_same_body_is_sent_again()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(429, retryAfterSeconds: 1), _ => ScriptedHandler.Status(200));
        using var client = Client(script);
        var request = Request(HttpMethod.Post, "graph.batch");
        request.Content = new StringContent("""{"requests":[]}""");

        using var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
        Assert.True(script.Attempts[1].At - script.Attempts[0].At >= TimeSpan.FromSeconds(0.99), $"retried after {script.Attempts[1].At - script.Attempts[0].At}");
        Assert.Equal(script.Attempts[0].Body, script.Attempts[1].Body);
    }

    [Fact]
    public async Task A_retry_after_holds_the_next_request_for_the_same_key_not_only_the_retry()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(429, retryAfterSeconds: 1), _ => ScriptedHandler.Status(200));
        using var client = Client(script, maxRetries: 0);
        var gate = new RetryAfterGate();

        using var throttled = await client.SendAsync(Request(HttpMethod.Post, "graph.batch").WithRetryAfterGate(gate, "alice@contoso.com"));
        using var next = await client.SendAsync(Request(HttpMethod.Get, "graph.contacts.delta").WithRetryAfterGate(gate, "Alice@Contoso.com"));

        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal(200, (int)next.StatusCode);
        Assert.True(script.Attempts[1].At - script.Attempts[0].At >= TimeSpan.FromSeconds(0.99), $"sent after {script.Attempts[1].At - script.Attempts[0].At}");
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_inline_limit_is_handed_back()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(429, retryAfterSeconds: 600), _ => ScriptedHandler.Status(200));
        using var client = Client(script);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "graph.contacts.delta"));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Single(script.Attempts);
    }

    [Fact]
    public async Task Connection_failures_of_idempotent_calls_are_retried()
    {
        var script = new ScriptedHandler(_ => throw new HttpRequestException("connection reset"), _ => ScriptedHandler.Status(200));
        using var client = Client(script);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "ews.GetItem"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
    }

    [Fact]
    public async Task Attempts_are_bounded()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(503));
        using var client = Client(script, maxRetries: 3);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "sf.query"));

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(4, script.Attempts.Count);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(400));
        using var client = Client(script);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "sf.query"));

        Assert.Single(script.Attempts);
    }

    [Fact]
    public async Task A_server_error_that_is_an_answer_is_not_retried_but_a_429_still_is()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(429, retryAfterSeconds: 0), _ => ScriptedHandler.Status(500), _ => ScriptedHandler.Status(200));
        using var client = Client(script);

        using var response = await client.SendAsync(Request(HttpMethod.Post, "ews.GetFolder", idempotent: true).WithServerErrorsAsAnswers());

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
    }

    [Fact]
    public async Task Zero_retries_means_one_attempt()
    {
        var script = new ScriptedHandler(_ => ScriptedHandler.Status(503));
        using var client = Client(script, maxRetries: 0);

        using var response = await client.SendAsync(Request(HttpMethod.Get, "sf.query"));

        Assert.Single(script.Attempts);
    }

    public void Dispose() => counter.Dispose();

    private HttpClient Client(ScriptedHandler script, int maxRetries = 4)
    {
        var options = Options.Create(new ResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(5), MaxRetryAttempts = maxRetries, MaxInlineRetryAfter = TimeSpan.FromSeconds(5) });
        var pipeline = new ResilienceHandler(options, TimeProvider.System) { InnerHandler = new CallCountingHandler(counter) { InnerHandler = script } };
        return new HttpClient(pipeline) { BaseAddress = new Uri("https://example.test/") };
    }

    private static HttpRequestMessage Request(HttpMethod method, string operation, bool? idempotent = null) =>
        new HttpRequestMessage(method, "api").WithOperation(operation, idempotent);
}
