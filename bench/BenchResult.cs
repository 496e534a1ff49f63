namespace OutlookCrm.Bench;

/// <summary>Remote calls the product made, as the product's own <c>RemoteCallCounter</c> saw them.</summary>
public sealed record CallCounts(long Total, long Writes, IReadOnlyDictionary<string, long> ByOperation);

public sealed record LatencyPercentiles(double P50Ms, double P95Ms, double P99Ms);

/// <summary>One result file (CONTRACT.md §6). Null where a field doesn't apply to the scenario.</summary>
public sealed record BenchResult
{
    public required string Scenario { get; init; }
    public required string Backend { get; init; }

    /// <summary>Tells apart the results of one scenario run that gives several (scale-out: <c>w4</c>); names the file, not written into it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Variant { get; init; }

    public string Machine { get; init; } = MachineName();
    public int? Items { get; init; }
    public int? LatencyMs { get; init; }
    public double? WallSeconds { get; init; }
    public double? ItemsPerSecond { get; init; }
    public CallCounts? Calls { get; init; }
    public long? MinimumCalls { get; init; }
    public double? Ratio { get; init; }
    public LatencyPercentiles? Latency { get; init; }
    public double? PeakWorkingSetMb { get; init; }

    /// <summary>Scenario-specific figures (CPU seconds, emulator req/s, SOQL ms, …): additions to §6, never replacements.</summary>
    public IReadOnlyDictionary<string, double?> Extra { get; init; } = new Dictionary<string, double?>();

    /// <summary>Plain-language notes (e.g. why wall time is meaningless on a loaded machine).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static string MachineName() => $"{Environment.ProcessorCount} cores";

    public static double? RatioOf(long total, long minimum) => minimum > 0 ? Math.Round((double)total / minimum, 3) : null;
}
