using System.Diagnostics;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Bench;

/// <summary>Wall time, process CPU time and the product's remote calls around one piece of work.</summary>
public sealed class Measure
{
    private readonly Stopwatch wall = Stopwatch.StartNew();
    private readonly TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;

    public double WallSeconds => wall.Elapsed.TotalSeconds;

    public double CpuSeconds => (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;

    public static Measure Start(RemoteCallCounter counter, BatchInspector? batches = null)
    {
        counter.Reset();
        batches?.Reset();
        return new Measure();
    }

    /// <summary>
    /// The product's own call counts. <c>writes</c>: calls whose operation changes data, plus Graph
    /// <c>$batch</c> calls that carried at least one non-GET member (seen by <see cref="BatchInspector"/>).
    /// </summary>
    public static CallCounts Calls(RemoteCallCounter counter, BatchInspector? batches = null)
    {
        var byOperation = new SortedDictionary<string, long>(counter.ByOperation().ToDictionary(), StringComparer.Ordinal);
        var writes = byOperation.Where(kv => IsWrite(kv.Key)).Sum(kv => kv.Value) + (batches?.WriteBatches ?? 0);
        return new CallCounts(byOperation.Values.Sum(), writes, byOperation);
    }

    /// <summary>
    /// Operations that change data on the remote side. Graph <c>$batch</c> is judged by its members, not
    /// here; <c>sf.composite</c> is not a write (the product sends read-only composites: the lookup).
    /// </summary>
    public static bool IsWrite(string operation)
    {
        var last = operation[(operation.LastIndexOf('.') + 1)..].ToLowerInvariant();
        return last is "create" or "update" or "delete" or "upsert" or "patch" or "post" or "stamp"
            or "createitem" or "updateitem" or "deleteitem";
    }

    public static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Math.Round(process.PeakWorkingSet64 / 1024.0 / 1024.0, 1);
    }

    public static double Round(double value, int digits = 3) => Math.Round(value, digits);
}
