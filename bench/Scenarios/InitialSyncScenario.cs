namespace OutlookCrm.Bench.Scenarios;

/// <summary>The first run for a mailbox with N contacts and N events, L ms per remote call.</summary>
public sealed class InitialSyncScenario : SyncScenarioBase
{
    public override string Name => "initial-sync";

    protected override async Task<BenchResult> MeasureAsync(BenchWorld world, BenchOptions options, int n, Seeded seed, CancellationToken cancellationToken)
    {
        world.SetLatency(options.LatencyMs);
        var (report, measure, calls) = await SyncMeasuredAsync(world, cancellationToken);
        EnsureClean(report);
        var moved = 2 * n;
        return Result(world, Name, options, moved, moved, measure, calls, MinimumCalls.For(options.Backend, InitialWork(n)), report,
            $"{n} contacts ({n - n / 2} from Outlook, {n / 2} from the CRM) + {n} Outlook events; every item is created on the other side.",
            "Wall time includes the injected latency; cpuSeconds is the whole process (product + emulators) on a shared 2-core machine.");
    }
}
