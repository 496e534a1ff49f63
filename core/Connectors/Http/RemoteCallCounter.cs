using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OutlookCrm.Core.Connectors.Http;

/// <summary>
/// Counts every outbound call by host and operation (e.g. <c>sf.collections.create</c>), both as an
/// OpenTelemetry-friendly <see cref="Counter{T}"/> and as an in-process snapshot that benchmarks and
/// the sync report read. A retried call counts once per attempt: that is what the remote system saw.
/// </summary>
public sealed class RemoteCallCounter : IDisposable
{
    public const string MeterName = "OutlookCrm.RemoteCalls";

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> calls;
    private readonly ConcurrentDictionary<(string Host, string Operation), long> totals = new();

    public RemoteCallCounter() => calls = meter.CreateCounter<long>("outlookcrm.remote_calls", "{call}", "Outbound calls by host and operation");

    public void Record(string host, string operation)
    {
        totals.AddOrUpdate((host, operation), 1, (_, n) => n + 1);
        calls.Add(1, new KeyValuePair<string, object?>("host", host), new KeyValuePair<string, object?>("operation", operation));
    }

    public IReadOnlyDictionary<string, long> ByOperation() =>
        totals.GroupBy(kv => kv.Key.Operation).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    public long Total => totals.Values.Sum();

    public void Reset() => totals.Clear();

    public void Dispose() => meter.Dispose();
}
