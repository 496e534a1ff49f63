using System.Text.Json;
using OutlookCrm.Bench;

namespace OutlookCrm.Bench.Tests;

public sealed class ResultWriterTests
{
    private static readonly string[] ContractFields =
    [
        "scenario", "backend", "machine", "items", "latencyMs", "wallSeconds", "itemsPerSecond",
        "calls", "minimumCalls", "ratio", "latency", "peakWorkingSetMb",
    ];

    [Fact]
    public void A_result_file_holds_every_field_of_contract_section_6_in_camel_case()
    {
        var result = new BenchResult
        {
            Scenario = "initial-sync", Backend = "graph", Items = 20000, LatencyMs = 50, WallSeconds = 12.5, ItemsPerSecond = 1600,
            Calls = new CallCounts(120, 60, new Dictionary<string, long> { ["sf.collections.create"] = 60, ["graph.contacts.delta"] = 60 }),
            MinimumCalls = 110, Ratio = BenchResult.RatioOf(120, 110), Latency = new LatencyPercentiles(1.5, 2.5, 3.5), PeakWorkingSetMb = 180.2,
        };

        using var json = JsonDocument.Parse(ResultWriter.ToJson(result));
        var root = json.RootElement;

        foreach (var field in ContractFields)
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal("initial-sync", root.GetProperty("scenario").GetString());
        Assert.Equal("graph", root.GetProperty("backend").GetString());
        Assert.EndsWith("cores", root.GetProperty("machine").GetString());
        Assert.Equal(20000, root.GetProperty("items").GetInt32());
        Assert.Equal(120, root.GetProperty("calls").GetProperty("total").GetInt64());
        Assert.Equal(60, root.GetProperty("calls").GetProperty("writes").GetInt64());
        Assert.Equal(60, root.GetProperty("calls").GetProperty("byOperation").GetProperty("sf.collections.create").GetInt64());
        Assert.Equal(1.091, root.GetProperty("ratio").GetDouble());
        Assert.Equal(2.5, root.GetProperty("latency").GetProperty("p95Ms").GetDouble());
        foreach (var p in new[] { "p50Ms", "p95Ms", "p99Ms" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty("latency").GetProperty(p).ValueKind);
        }
    }

    [Fact]
    public void Fields_that_do_not_apply_are_written_as_null_not_left_out()
    {
        var result = new BenchResult { Scenario = "emulator", Backend = "all" };

        using var json = JsonDocument.Parse(ResultWriter.ToJson(result));

        foreach (var field in new[] { "items", "latencyMs", "wallSeconds", "itemsPerSecond", "calls", "minimumCalls", "ratio", "latency", "peakWorkingSetMb" })
        {
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty(field).ValueKind);
        }
    }

    [Fact]
    public async Task The_file_is_named_after_scenario_and_backend()
    {
        var directory = Directory.CreateTempSubdirectory("bench-results-").FullName;
        try
        {
            var path = await ResultWriter.WriteAsync(new BenchResult { Scenario = "no-change", Backend = "ews" }, directory);

            Assert.Equal(Path.Combine(directory, "no-change-ews.json"), path);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            Assert.Equal("no-change", json.RootElement.GetProperty("scenario").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Ratio_is_null_without_a_minimum()
    {
        Assert.Null(BenchResult.RatioOf(10, 0));
        Assert.Equal(2.0, BenchResult.RatioOf(20, 10));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).ToList();

        Assert.Equal(new LatencyPercentiles(50, 95, 99), Percentile.Of(samples));
        Assert.Equal(new LatencyPercentiles(0, 0, 0), Percentile.Of([]));
    }

    [Fact]
    public void Options_parse_the_contract_command_line()
    {
        var options = BenchOptions.Parse(["initial-sync", "--backend", "ews", "--items", "1000", "--latency-ms", "0", "--out", "/tmp/x"]);

        Assert.Equal(("initial-sync", Backend.Ews, (int?)1000, 0, "/tmp/x"), (options.Scenario, options.Backend, options.Items, options.LatencyMs, options.OutDirectory));
        Assert.Equal(50, BenchOptions.Parse(["no-change"]).LatencyMs);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["no-change", "--backend", "imap"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["no-change", "--items", "0"]));
    }

    [Fact]
    public void Graph_batches_are_not_writes_by_name()
    {
        Assert.True(Measure.IsWrite("sf.collections.create"));
        Assert.True(Measure.IsWrite("ews.UpdateItem"));
        Assert.False(Measure.IsWrite("sf.updated"));
        Assert.False(Measure.IsWrite("sf.deleted"));
        Assert.False(Measure.IsWrite("graph.batch"));
        Assert.False(Measure.IsWrite("graph.contacts.stamped"));
        Assert.False(Measure.IsWrite("sf.composite"));
    }
}
