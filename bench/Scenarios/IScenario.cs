namespace OutlookCrm.Bench.Scenarios;

public interface IScenario
{
    string Name { get; }

    /// <summary>False for scenarios that involve one CRM and no Exchange backend (they run once, as "salesforce").</summary>
    bool PerBackend { get; }

    Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options, CancellationToken cancellationToken);

    /// <summary>A comparison of a run's several results, printed after their own tables (scale-out: one row per worker count).</summary>
    void PrintSummary(IReadOnlyList<BenchResult> results)
    {
    }
}

public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new EmulatorScenario(), new InitialSyncScenario(), new NoChangeScenario(), new IncrementalScenario(), new LookupScenario(), new MemoryScenario(), new ScaleOutScenario(),
    ];

    public static IScenario? Find(string name) => All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
