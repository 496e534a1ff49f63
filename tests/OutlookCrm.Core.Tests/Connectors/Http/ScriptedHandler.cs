using System.Diagnostics;

namespace OutlookCrm.Core.Tests.Connectors.Http;

/// <summary>Answers each attempt from a script and records when it arrived and what it carried.</summary>
internal sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int next;

    public List<(TimeSpan At, string? Body)> Attempts { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Attempts.Add((clock.Elapsed, body));
        var step = script[Math.Min(next++, script.Length - 1)];
        return step(request);
    }

    public static HttpResponseMessage Status(int status, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)status);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }
}
