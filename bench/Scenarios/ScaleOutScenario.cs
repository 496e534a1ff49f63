using System.Globalization;
using OutlookCrm.Bench.ScaleOut;
using Spectre.Console;

namespace OutlookCrm.Bench.Scenarios;

/// <summary>What a scale-out run does; <see cref="From"/> reads it from the command line.</summary>
public sealed record ScaleOutSettings(
    int Mailboxes, int Items, IReadOnlyList<int> Workers, bool WarmUp, string? PostgresConnectionString, TimeSpan RoundTimeout, TimeSpan CpuProbe)
{
    public const int DefaultMailboxes = 16;
    public const int DefaultItems = 250;
    public static readonly IReadOnlyList<int> DefaultWorkers = [1, 2, 4];

    public static ScaleOutSettings From(BenchOptions options) => new(
        options.Mailboxes ?? DefaultMailboxes, options.Items ?? DefaultItems, options.Workers ?? DefaultWorkers,
        WarmUp: true, PostgresConnectionString: null, RoundTimeout: TimeSpan.FromMinutes(20), CpuProbe: TimeSpan.FromSeconds(1));
}

/// <summary>
/// M mailboxes (first syncs of N contacts + N events each) across W sync workers on one PostgreSQL store,
/// for each W of the list: throughput, its speedup over the first W, and proof from the product's own
/// run records that no mailbox was synced by two workers at once. Each round starts from the same seed
/// on fresh emulators and a fresh database; every worker has the same (default) settings whatever W is.
/// </summary>
public sealed class ScaleOutScenario : IScenario
{
    public string Name => "scale-out";

    public bool PerBackend => true;

    public Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options, CancellationToken cancellationToken) =>
        RunAsync(options, ScaleOutSettings.From(options), cancellationToken);

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options, ScaleOutSettings settings, CancellationToken cancellationToken)
    {
        var workerCounts = settings.Workers.Distinct().Order().ToList();
        await using var postgres = await BenchPostgres.StartAsync(settings.PostgresConnectionString, cancellationToken);
        if (settings.WarmUp)
        {
            // Untimed: JIT and tier-up of the product, emulators and Npgsql happen here, not in the first measured round,
            // so the first W is not slowed by work the later ones skip. Two rounds, each followed by a wait until the
            // process is idle: the first compiles, the second gets the hot methods counted and recompiled at tier 1.
            for (var i = 0; i < 2; i++)
            {
                await ScaleOutRound.RunAsync(postgres, options.Backend, settings.Mailboxes, 100, 1, 0, settings.RoundTimeout, TimeSpan.Zero, cancellationToken);
                await CpuProbe.SettleAsync(cancellationToken);
            }
        }

        var rounds = new List<RoundResult>();
        foreach (var w in workerCounts)
        {
            rounds.Add(await ScaleOutRound.RunAsync(
                postgres, options.Backend, settings.Mailboxes, settings.Items, w, options.LatencyMs, settings.RoundTimeout, settings.CpuProbe, cancellationToken));
        }

        var baseline = rounds[0];
        return rounds.Select(r => ToResult(r, baseline, options, postgres.Description)).ToList();
    }

    private static BenchResult ToResult(RoundResult r, RoundResult baseline, BenchOptions options, string postgres)
    {
        var moved = r.Mailboxes * r.ItemsPerMailbox;
        var throughput = moved / r.WallSeconds;
        var n = r.ItemsPerMailbox / 2;
        // Each mailbox's first run, with the tokens once per worker that ran something (each worker process keeps its own).
        var workersUsed = r.MailboxesPerWorker.Count(kv => kv.Value > 0);
        var minimum = r.Mailboxes * MinimumCalls.For(options.Backend, SyncScenarioBase.InitialWork(n))
            - (r.Mailboxes - workersUsed) * MinimumCalls.TokenCalls(options.Backend);
        var perWorker = r.MailboxesPerWorker.Values.ToList();
        var graph = options.Backend == Backend.Graph;
        return new BenchResult
        {
            Scenario = "scale-out",
            Backend = options.Backend.ToString().ToLowerInvariant(),
            Variant = $"w{r.Workers}",
            Items = moved,
            LatencyMs = options.LatencyMs,
            WallSeconds = r.WallSeconds,
            ItemsPerSecond = Measure.Round(throughput, 1),
            Calls = r.Calls,
            MinimumCalls = minimum,
            Ratio = BenchResult.RatioOf(r.Calls.Total, minimum),
            PeakWorkingSetMb = Measure.PeakWorkingSetMb(),
            Extra = new Dictionary<string, double?>
            {
                ["workers"] = r.Workers,
                ["mailboxes"] = r.Mailboxes,
                ["itemsPerMailbox"] = r.ItemsPerMailbox,
                ["maxConcurrentMailboxesPerWorker"] = r.WorkerOptions.MaxConcurrentMailboxes,
                ["pollIntervalSeconds"] = r.WorkerOptions.PollInterval.TotalSeconds,
                ["speedup"] = Measure.Round(throughput / (baseline.Mailboxes * baseline.ItemsPerMailbox / baseline.WallSeconds), 2),
                ["speedupBaselineWorkers"] = baseline.Workers,
                ["cpuSeconds"] = r.CpuSeconds,
                ["postgresCpuSeconds"] = r.PostgresCpuSeconds,
                ["postgresTransactions"] = r.PostgresTransactions,
                ["syncWrites"] = r.SyncWrites,
                ["successfulRuns"] = r.Runs.Count(x => x.Succeeded),
                ["failedRuns"] = r.Runs.Count(x => x.State == "failed"),
                ["overlappingRunsOfOneMailbox"] = r.OverlappingRuns,
                ["exchangeRequestsOutsideRuns"] = r.ExchangeRequestsOutsideRuns,
                ["peakConcurrentRuns"] = r.PeakConcurrentRuns,
                ["meanRunSeconds"] = Measure.Round(r.MeanRunSeconds),
                ["latencyBoundSeconds"] = Measure.Round(LatencyBound(r, options.LatencyMs)),
                ["coresAvailable"] = r.CoresAvailable,
                ["cpuBoundSeconds"] = r.CoresAvailable is { } cores ? Measure.Round((r.CpuSeconds + (r.PostgresCpuSeconds ?? 0)) / cores) : null,
                ["mailboxesPerWorkerMin"] = perWorker.Min(),
                ["mailboxesPerWorkerMax"] = perWorker.Max(),
                ["graphBatchesWithWrites"] = graph ? r.GraphBatches.WriteBatches : null,
                ["graphBatchesReadOnly"] = graph ? r.GraphBatches.ReadBatches : null,
            },
            Notes =
            [
                $"{r.Mailboxes} mailboxes × ({n} contacts + {n} events), a first sync each; {r.Workers} worker(s), each a SyncLoop with the product's default settings " +
                $"(up to {r.WorkerOptions.MaxConcurrentMailboxes} mailboxes at once, poll every {r.WorkerOptions.PollInterval.TotalSeconds:0.#} s), its own service provider, connection pools and worker id, in the bench process.",
                $"Mailboxes per worker: {string.Join(", ", perWorker)}.",
                $"Store: {postgres}. Wall time: from the workers' start to the last mailbox's first successful run, as the sync_runs table records it.",
                "cpuSeconds is the bench process (workers + emulators); postgresCpuSeconds the PostgreSQL server's processes (null when it is not on this machine); " +
                "postgresTransactions the store's transactions in the round (a statement outside a transaction is one). All on a shared 2-core machine.",
            ],
        };
    }

    /// <summary>
    /// The wall time if CPU were free: each mailbox's calls one after the other at the injected latency (an upper estimate:
    /// a run sends some calls side by side), the mailboxes in waves of (workers × per-worker concurrency). Against
    /// <c>cpuBoundSeconds</c> (the round's CPU, bench process and PostgreSQL, over the cores the probe got just before it)
    /// it tells which of the two the measured wall time is made of.
    /// </summary>
    private static double LatencyBound(RoundResult r, int latencyMs)
    {
        var waves = Math.Ceiling(r.Mailboxes / (double)(r.Workers * r.WorkerOptions.MaxConcurrentMailboxes));
        return waves * r.Calls.Total / r.Mailboxes * latencyMs / 1000.0;
    }

    /// <summary>One line per worker count, after the per-round tables (wide enough for its columns when the output is a file).</summary>
    public void PrintSummary(IReadOnlyList<BenchResult> results)
    {
        var table = new Table().Title("scale-out")
            .AddColumns("workers", "wall s", "items/s", "speedup", "CPU s", "PG CPU s", "cores got", "latency-bound s", "CPU-bound s", "calls", "ratio", "mailboxes/worker", "overlaps");
        string F(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–";
        foreach (var r in results)
        {
            table.AddRow(F(r.Extra["workers"]), F(r.WallSeconds), F(r.ItemsPerSecond), F(r.Extra["speedup"]), F(r.Extra["cpuSeconds"]), F(r.Extra["postgresCpuSeconds"]),
                F(r.Extra["coresAvailable"]), F(r.Extra["latencyBoundSeconds"]), F(r.Extra["cpuBoundSeconds"]), F(r.Calls?.Total), F(r.Ratio),
                $"{F(r.Extra["mailboxesPerWorkerMin"])}–{F(r.Extra["mailboxesPerWorkerMax"])}", F(r.Extra["overlappingRunsOfOneMailbox"]));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings());
        console.Profile.Width = Math.Max(console.Profile.Width, 170);
        console.Write(table);
    }
}
