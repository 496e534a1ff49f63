using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Bench;

/// <summary>
/// Innermost handler the bench adds to the product's outbound pipeline: looks inside Graph
/// <c>$batch</c> bodies so a batch counts as a write only when it carries one (the product batches
/// reads of stamps and bodies as well as writes). Counts every attempt, like <see cref="CallCountingHandler"/>.
/// </summary>
public sealed class BatchInspector
{
    private long writeBatches;
    private long readBatches;
    private long writeMembers;
    private long readMembers;

    public long WriteBatches => Interlocked.Read(ref writeBatches);
    public long ReadBatches => Interlocked.Read(ref readBatches);
    public long WriteMembers => Interlocked.Read(ref writeMembers);
    public long ReadMembers => Interlocked.Read(ref readMembers);

    public void Reset()
    {
        Interlocked.Exchange(ref writeBatches, 0);
        Interlocked.Exchange(ref readBatches, 0);
        Interlocked.Exchange(ref writeMembers, 0);
        Interlocked.Exchange(ref readMembers, 0);
    }

    internal async Task<HttpResponseMessage> InspectAsync(HttpRequestMessage request, CancellationToken cancellationToken, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> next)
    {
        if (request.Content is not null && request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) == true)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            var body = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            var methods = (body?["requests"] as JsonArray ?? []).Select(r => (string?)r?["method"] ?? "GET").ToList();
            var writes = methods.Count(m => !m.Equals("GET", StringComparison.OrdinalIgnoreCase));
            Interlocked.Add(ref writeMembers, writes);
            Interlocked.Add(ref readMembers, methods.Count - writes);
            Interlocked.Increment(ref writes > 0 ? ref writeBatches : ref readBatches);
        }

        return await next(request, cancellationToken);
    }
}

/// <summary>A fresh handler per pipeline (handlers can't be shared) that reports to the one <see cref="BatchInspector"/>.</summary>
internal sealed class BatchInspectorLink(BatchInspector inspector) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        inspector.InspectAsync(request, cancellationToken, base.SendAsync);
}
