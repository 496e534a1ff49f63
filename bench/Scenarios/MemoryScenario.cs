namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// Peak working set of the product while one mailbox with 100,000 items syncs for the first time. The
/// sync runs in a process of its own (<see cref="ProductProcess"/>): the emulators, which hold the
/// same data on both sides, stay in the bench process and are reported apart.
/// </summary>
public sealed class MemoryScenario : SyncScenarioBase
{
    public override string Name => "memory";

    /// <summary>100,000 items = 50,000 contacts + 50,000 events.</summary>
    protected override int DefaultItemCount => 50_000;

    protected override async Task<BenchResult> MeasureAsync(BenchWorld world, BenchOptions options, int n, Seeded seed, CancellationToken cancellationToken)
    {
        world.SetLatency(options.LatencyMs);
        world.ClearJournals();
        var run = await ProductProcess.SyncAsync(world, cancellationToken);
        if (run.Errors.Count > 0)
        {
            throw new InvalidOperationException($"the sync reported errors: {string.Join("; ", run.Errors)}");
        }

        var moved = 2 * n;
        var calls = run.Calls;
        var minimum = MinimumCalls.For(options.Backend, InitialWork(n));
        return new BenchResult
        {
            Scenario = Name,
            Backend = options.Backend.ToString().ToLowerInvariant(),
            Items = moved,
            LatencyMs = options.LatencyMs,
            WallSeconds = run.WallSeconds,
            ItemsPerSecond = Measure.Round(moved / run.WallSeconds, 1),
            Calls = calls,
            MinimumCalls = minimum,
            Ratio = BenchResult.RatioOf(calls.Total, minimum),
            PeakWorkingSetMb = run.PeakWorkingSetMb,
            Extra = new Dictionary<string, double?>
            {
                ["cpuSeconds"] = run.CpuSeconds,
                ["itemsMoved"] = moved,
                ["syncWrites"] = run.SyncWrites,
                ["gcCommittedPeakMb"] = run.GcCommittedPeakMb,
                ["allocatedMb"] = run.AllocatedMb,
                ["emulatorProcessPeakWorkingSetMb"] = Measure.PeakWorkingSetMb(),
            },
            Notes =
            [
                "--items is contacts per mailbox (events = contacts): items = 2 × N.",
                "peakWorkingSetMb is the product's process alone (MailboxSyncRunner, connectors, SQLite store); the emulators ran in the bench process (emulatorProcessPeakWorkingSetMb).",
            ],
        };
    }
}
