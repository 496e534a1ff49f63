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

    public static Measure Start(RemoteCallCounter counter)
    {
        counter.Reset();
        return new Measure();
    }

    public static CallCounts Calls(RemoteCallCounter counter)
    {
        var byOperation = new SortedDictionary<string, long>(counter.ByOperation().ToDictionary(), StringComparer.Ordinal);
        return new CallCounts(byOperation.Values.Sum(), byOperation.Where(kv => IsWrite(kv.Key)).Sum(kv => kv.Value), byOperation);
    }

    /// <summary>Operations that change data on the remote side (a Graph <c>$batch</c> counts as a write: the product only batches writes).</summary>
    public static bool IsWrite(string operation)
    {
        var op = operation.ToLowerInvariant();
        return op.Contains("create") || op.Contains("update") || op.Contains("delete") || op.Contains("upsert") || op.Contains("patch")
            || op.Contains("batch") || op.Contains("stamp") && !op.EndsWith(".stamped");
    }

    public static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Math.Round(process.PeakWorkingSet64 / 1024.0 / 1024.0, 1);
    }

    public static double Round(double value, int digits = 3) => Math.Round(value, digits);
}
