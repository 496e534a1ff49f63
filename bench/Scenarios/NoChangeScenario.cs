namespace OutlookCrm.Bench.Scenarios;

/// <summary>A run right after a full sync (two minutes later, so Salesforce change windows have moved): it must write nothing.</summary>
public sealed class NoChangeScenario : SyncScenarioBase
{
    public override string Name => "no-change";

    protected override async Task<BenchResult> MeasureAsync(BenchWorld world, BenchOptions options, int n, Seeded seed, CancellationToken cancellationToken)
    {
        EnsureClean(await world.SyncAsync(cancellationToken));
        world.Wait(TimeSpan.FromMinutes(2));
        world.SetLatency(options.LatencyMs);
        var (report, measure, calls) = await SyncMeasuredAsync(world, cancellationToken);
        EnsureClean(report);
        var nothing = new SyncWork(0, 0, 0, 0, 0, 0, 0, 0, FirstRun: false);
        var result = Result(world, Name, options, 2 * n, 0, measure, calls, MinimumCalls.For(options.Backend, nothing), report,
            "Minimum: the CRM user, updated + deleted per CRM kind, one empty change page per Exchange folder (tokens are reused).",
            "thenNoChange*: one more run two minutes later, after the product's own writes have left the CRM change window (steady state).");

        // The measured run above is the first after the full sync, so the CRM's change feeds still hold the product's own writes.
        world.Wait(TimeSpan.FromMinutes(2));
        var (again, _, againCalls) = await SyncMeasuredAsync(world, cancellationToken);
        EnsureClean(again);
        return result with
        {
            Extra = new Dictionary<string, double?>(result.Extra)
            {
                ["thenNoChangeCalls"] = againCalls.Total,
                ["thenNoChangeWrites"] = againCalls.Writes,
                ["thenNoChangeRatio"] = BenchResult.RatioOf(againCalls.Total, MinimumCalls.For(options.Backend, nothing)),
            },
        };
    }
}
