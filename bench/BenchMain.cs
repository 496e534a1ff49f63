using OutlookCrm.Bench.Scenarios;

namespace OutlookCrm.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench -- &lt;scenario&gt; [--backend graph|ews] [--items N] [--latency-ms L] [--out dir]</c>:
/// runs one scenario (or <c>all</c>), writes <c>{out}/{scenario}-{backend}.json</c> (CONTRACT.md §6) and prints a table.
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [ProductProcess.Command, var directory])
        {
            return await ProductProcess.RunChildAsync(directory);
        }

        if (args is [EmulatorHost.EmulatorHostMain.Command, ..])
        {
            return await EmulatorHost.EmulatorHostMain.RunAsync(args[1..]);
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        var scenarios = options.Scenario == "all" ? ScenarioCatalog.All : ScenarioCatalog.Find(options.Scenario) is { } one ? [one] : [];
        if (scenarios.Count == 0)
        {
            Console.Error.WriteLine($"unknown scenario {options.Scenario}");
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        foreach (var scenario in scenarios)
        {
            var backends = scenario.PerBackend && args.Contains("--backend") == false && options.Scenario == "all" ? [Backend.Graph, Backend.Ews] : new[] { options.Backend };
            foreach (var backend in backends)
            {
                var results = await RunAsync(scenario, options with { Scenario = scenario.Name, Backend = backend }, cancel.Token);
                foreach (var result in results)
                {
                    var path = await ResultWriter.WriteAsync(result, options.OutDirectory);
                    TablePrinter.Print(result);
                    Console.WriteLine($"wrote {path}");
                }

                if (results.Count > 1)
                {
                    scenario.PrintSummary(results);
                }
            }
        }

        return 0;
    }

    public static Task<IReadOnlyList<BenchResult>> RunAsync(IScenario scenario, BenchOptions options, CancellationToken cancellationToken) =>
        scenario.RunAsync(options, cancellationToken);
}
