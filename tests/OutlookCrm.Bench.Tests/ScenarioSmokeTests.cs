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
    public async Task A_tiny_lookup_run_through_the_api_costs_one_crm_call_per_uncached_lookup_and_none_cached()
    {
        var result = Assert.Single(await new LookupScenario().RunAsync(Tiny("lookup", Backend.Graph), CancellationToken.None));

        Assert.Equal("lookup", result.Scenario);
        Assert.Equal(20, result.Items);
        Assert.Equal(0, result.Extra["failures"]); // every answer checked: each address once, the two contacts found, the unknown empty
        Assert.Equal(20, result.Calls!.Total); // the API's own counter: nothing but the lookups themselves
        Assert.Equal(20, result.Calls.ByOperation["sf.composite"]);
        Assert.Equal(1, result.Extra["crmCallsPerUncachedLookup"]);
        Assert.Equal(1, result.Ratio);

        Assert.Equal(LookupPlan.CachedRounds * 20, result.Extra["cachedLookups"]);
        Assert.Equal(0, result.Extra["cachedFailures"]);
        Assert.Equal(0, result.Extra["cachedRemoteCalls"]);
        Assert.True(result.Latency!.P99Ms >= result.Latency.P50Ms);
        Assert.True(result.Extra["cachedP99Ms"] >= result.Extra["cachedP50Ms"]);
    }
}
