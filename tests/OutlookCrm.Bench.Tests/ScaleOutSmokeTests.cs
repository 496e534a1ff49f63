using OutlookCrm.Bench.Scenarios;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Bench.Tests;

/// <summary>The scale-out scenario, tiny and without latency: every mailbox synced once, by one worker at a time, whatever W.</summary>
public sealed class ScaleOutSmokeTests
{
    [PostgresFact]
    public async Task Four_mailboxes_across_one_then_two_workers_each_sync_once_with_no_overlapping_runs()
    {
        var options = new BenchOptions("scale-out", Backend.Graph, Items: 10, LatencyMs: 0, OutDirectory: Path.GetTempPath(), Concurrency: 4, ChangePercent: 0);
        var settings = new ScaleOutSettings(Mailboxes: 4, Items: 10, Workers: [1, 2], WarmUp: false,
            PostgresConnectionString: Environment.GetEnvironmentVariable(PostgresTestDatabase.EnvironmentVariable), RoundTimeout: TimeSpan.FromSeconds(60), CpuProbe: TimeSpan.Zero);

        var results = await new ScaleOutScenario().RunAsync(options, settings, CancellationToken.None);

        Assert.Equal([1.0, 2.0], results.Select(r => r.Extra["workers"]));
        Assert.Equal(["scale-out-graph-w1.json", "scale-out-graph-w2.json"], results.Select(ResultWriter.FileName));
        Assert.All(results, r =>
        {
            Assert.Equal(4 * 20, r.Items);
            Assert.Equal(4, r.Extra["successfulRuns"]);                  // every mailbox once: the interval is ten minutes
            Assert.Equal(0, r.Extra["failedRuns"]);
            Assert.Equal(0, r.Extra["overlappingRunsOfOneMailbox"]);
            Assert.Equal(0, r.Extra["exchangeRequestsOutsideRuns"]);
            Assert.Equal(4 * 20, r.Extra["syncWrites"]);                 // each mailbox's 10 contacts + 10 events moved once
            // The workers' shares add up to the four mailboxes: one worker has them all; of two, the smaller share and the larger make four.
            var shares = r.Extra["workers"] == 1 ? r.Extra["mailboxesPerWorkerMax"] : r.Extra["mailboxesPerWorkerMin"] + r.Extra["mailboxesPerWorkerMax"];
            Assert.Equal(4, shares);
            Assert.True(r.Calls!.Total >= r.MinimumCalls);
            Assert.True(r.WallSeconds > 0);
        });
        Assert.Equal(1, results[0].Extra["speedup"]);
    }
}

/// <summary>A fact that needs the PostgreSQL cluster <c>./test.sh</c> starts (<c>OUTLOOKCRM_TEST_PG</c>); skipped, saying so, without one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresTestDatabase.EnvironmentVariable)))
        {
            Skip = $"{PostgresTestDatabase.EnvironmentVariable} is not set: no PostgreSQL to run on (./test.sh starts one).";
        }
    }
}
