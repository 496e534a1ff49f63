using System.Text.Json;
using OutlookCrm.Bench;
using OutlookCrm.Bench.Scenarios;

namespace OutlookCrm.Bench.Tests;

/// <summary>Tiny inputs, no latency, no timing assertions: the scenarios produce well-formed results.</summary>
public sealed class ScenarioSmokeTests
{
    private static BenchOptions Tiny(string scenario, Backend backend) =>
        new(scenario, backend, Items: 20, LatencyMs: 0, OutDirectory: Path.GetTempPath(), Concurrency: 4, ChangePercent: 10);

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_tiny_initial_sync_gives_a_well_formed_result(Backend backend)
    {
        var result = Assert.Single(await new InitialSyncScenario().RunAsync(Tiny("initial-sync", backend), CancellationToken.None));

        Assert.Equal("initial-sync", result.Scenario);
        Assert.Equal(backend.ToString().ToLowerInvariant(), result.Backend);
        Assert.Equal(40, result.Items);
        Assert.NotNull(result.Calls);
        Assert.True(result.Calls!.Total > 0);
        Assert.True(result.Calls.Writes > 0);
        Assert.Equal(result.Calls.Total, result.Calls.ByOperation.Values.Sum());
        Assert.True(result.MinimumCalls > 0);
        Assert.True(result.Ratio > 0);
        Assert.True(result.WallSeconds > 0);
        Assert.True(result.PeakWorkingSetMb > 0);
        Assert.Equal(40, result.Extra["syncWrites"]);
        using var json = JsonDocument.Parse(ResultWriter.ToJson(result));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("latency").ValueKind);
    }

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_tiny_no_change_run_writes_nothing(Backend backend)
    {
        var result = Assert.Single(await new NoChangeScenario().RunAsync(Tiny("no-change", backend), CancellationToken.None));

        Assert.Equal(0, result.Calls!.Writes);
        Assert.Equal(0, result.Extra["syncWrites"]);
        Assert.True(result.Calls.Total > 0);
        Assert.True(result.Ratio > 0);
    }

    [Fact]
    public async Task A_tiny_memory_run_syncs_in_a_product_process_of_its_own()
    {
        var result = Assert.Single(await new MemoryScenario().RunAsync(Tiny("memory", Backend.Ews), CancellationToken.None));

        Assert.Equal(40, result.Items);
        Assert.Equal(40, result.Extra["syncWrites"]);
        Assert.True(result.Calls!.ByOperation.GetValueOrDefault("ews.CreateItem") > 0); // counted in the product process
        Assert.True(result.PeakWorkingSetMb > 0);
        Assert.True(result.Extra["gcCommittedPeakMb"] > 0);
        Assert.True(result.Extra["emulatorProcessPeakWorkingSetMb"] > 0);
    }

    [Fact]
    public async Task A_tiny_incremental_run_moves_the_changed_items()
    {
        var result = Assert.Single(await new IncrementalScenario().RunAsync(Tiny("incremental", Backend.Graph), CancellationToken.None));

        Assert.True(result.Extra["changedItems"] > 0);
        Assert.True(result.Calls!.Writes > 0);
    }

    [Fact]
    public async Task A_tiny_emulator_run_measures_every_emulator_in_a_child_process()
    {
        var result = Assert.Single(await new EmulatorScenario().RunAsync(Tiny("emulator", Backend.Graph) with { Requests = 40 }, CancellationToken.None));

        Assert.Equal("emulator", result.Scenario);
        Assert.Equal(20, result.Items);
        foreach (var emulator in new[] { "entra", "salesforce", "graph", "ews" })
        {
            // Every simple request authenticated and answered (bearer token, Basic + impersonation) by the child's emulators.
            Assert.Equal(0, result.Extra[$"{emulator}Failures"]);
            Assert.True(result.Extra[$"{emulator}RequestsPerSecond"] > 0, emulator);
            Assert.True(result.Extra[$"{emulator}CpuUsPerRequest"] >= 0, emulator);
            Assert.True(result.Extra.ContainsKey($"{emulator}CapacityPerSecond"), emulator);
        }

        Assert.True(result.Extra["soqlFirstPageMs"] > 0);
        Assert.True(result.PeakWorkingSetMb > 0);
        using var json = JsonDocument.Parse(ResultWriter.ToJson(result));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("calls").ValueKind);
    }

    [Fact]
    public async Task A_tiny_lookup_run_reports_percentiles_and_calls_per_lookup()
    {
        var result = Assert.Single(await new LookupScenario().RunAsync(Tiny("lookup", Backend.Graph), CancellationToken.None));

        Assert.Equal("lookup", result.Scenario);
        Assert.NotNull(result.Calls);
        if (result.Extra["failures"] == 0)
        {
            Assert.Equal(20, result.Items);
            Assert.NotNull(result.Latency);
            Assert.True(result.Latency!.P99Ms >= result.Latency.P50Ms);
            Assert.True(result.Extra["crmCallsPerUncachedLookup"] >= 1);
        }
        else
        {
            // The CRM refused the lookup (see bench/README.md: the emulator's SOQL has no semi-joins): the result says why.
            Assert.Contains(result.Notes, n => n.Contains("failed", StringComparison.Ordinal));
        }
    }
}
