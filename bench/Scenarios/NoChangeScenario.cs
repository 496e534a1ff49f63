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
        return Result(world, Name, options, 2 * n, 0, measure, calls, MinimumCalls.For(options.Backend, nothing), report,
            "Minimum: token(s), the CRM user, one change query per CRM kind, one empty change page per Exchange folder.");
    }
}
