namespace OutlookCrm.Bench.Scenarios;

/// <summary>Peak working set of the process (product and in-process emulators) while one mailbox with 100,000 items syncs.</summary>
public sealed class MemoryScenario : SyncScenarioBase
{
    public override string Name => "memory";

    /// <summary>100,000 items = 50,000 contacts + 50,000 events.</summary>
    protected override int DefaultItemCount => 50_000;

    protected override async Task<BenchResult> MeasureAsync(BenchWorld world, BenchOptions options, int n, Seeded seed, CancellationToken cancellationToken)
    {
        GC.Collect();
        var before = Measure.PeakWorkingSetMb();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
        world.SetLatency(options.LatencyMs);
        var (report, measure, calls) = await SyncMeasuredAsync(world, cancellationToken);
        EnsureClean(report);
        var moved = 2 * n;
        var result = Result(world, Name, options, moved, moved, measure, calls, MinimumCalls.For(options.Backend, InitialWork(n)), report,
            "--items is contacts per mailbox (events = contacts): items = 2 × N. The peak includes the in-process emulators holding the same data, so it overstates the product alone.");
        return result with
        {
            Extra = new Dictionary<string, double?>(result.Extra)
            {
                ["peakWorkingSetBeforeSyncMb"] = before,
                ["managedHeapBeforeSyncMb"] = Measure.Round(managedBefore, 1),
                ["managedHeapAfterSyncMb"] = Measure.Round(GC.GetTotalMemory(false) / 1024.0 / 1024.0, 1),
                // After a full collection what is left is mostly the emulators' data (both mailbox and CRM now hold every item):
                // peakWorkingSetMb minus this is a rough upper bound of the product's own peak.
                ["managedHeapAfterFullGcMb"] = Measure.Round(GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0, 1),
            },
        };
    }
}
