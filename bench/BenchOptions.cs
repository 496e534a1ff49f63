using System.Globalization;

namespace OutlookCrm.Bench;

public sealed record BenchOptions(
    string Scenario, Backend Backend, int? Items, int LatencyMs, string OutDirectory, int Concurrency, double ChangePercent, int? Requests = null,
    int? Mailboxes = null, IReadOnlyList<int>? Workers = null)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench -- <emulator|initial-sync|no-change|incremental|lookup|memory|scale-out|all> " +
        "[--backend graph|ews] [--items N] [--latency-ms L] [--out dir] [--concurrency C] [--change-percent P] [--requests R] " +
        "[--mailboxes M] [--workers 1,2,4]";

    public static string DefaultOut => Path.Combine(FindBenchDirectory(), "results");

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("a scenario is required");
        }

        var options = new BenchOptions(args[0], Backend.Graph, null, 50, DefaultOut, 32, 1.0);
        for (var i = 1; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--backend" => options with { Backend = Value().ToLowerInvariant() switch { "graph" => Backend.Graph, "ews" => Backend.Ews, var b => throw new ArgumentException($"unknown backend {b}") } },
                "--items" => options with { Items = PositiveInt(Value(), "--items") },
                "--latency-ms" => options with { LatencyMs = int.Parse(Value(), CultureInfo.InvariantCulture) is var l and >= 0 ? l : throw new ArgumentException("--latency-ms must be ≥ 0") },
                "--out" => options with { OutDirectory = Value() },
                "--concurrency" => options with { Concurrency = PositiveInt(Value(), "--concurrency") },
                "--requests" => options with { Requests = PositiveInt(Value(), "--requests") },
                "--mailboxes" => options with { Mailboxes = PositiveInt(Value(), "--mailboxes") },
                "--workers" => options with { Workers = Value().Split(',').Select(w => PositiveInt(w.Trim(), "--workers")).ToList() },
                "--change-percent" => options with { ChangePercent = double.Parse(Value(), CultureInfo.InvariantCulture) },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }

        return options;
    }

    private static int PositiveInt(string value, string name) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer");

    /// <summary>The <c>bench/</c> folder of the repository (results land in <c>bench/results</c> wherever the command runs from).</summary>
    private static string FindBenchDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OutlookCrm.Bench.csproj")))
            {
                return dir.FullName;
            }

            if (File.Exists(Path.Combine(dir.FullName, "bench", "OutlookCrm.Bench.csproj")))
            {
                return Path.Combine(dir.FullName, "bench");
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
