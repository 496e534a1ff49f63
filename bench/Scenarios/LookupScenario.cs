using System.Diagnostics;

namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// What a salesperson gets from the add-in: <c>POST /api/addin/lookup</c> on the real API
/// (<see cref="HostedApi"/>: token validation, the per-user lookup cache, the Salesforce connector) over
/// HTTP, C concurrent callers, each lookup a small meeting's three addresses (two CRM contacts, one
/// unknown) over 10,000 CRM contacts, L ms on every call to the emulators. Two measured phases over
/// the same lookups (<see cref="LookupPlan"/>): uncached (no one asked for these addresses before)
/// and cached (each lookup <see cref="LookupPlan.CachedRounds"/> more times, by the salesperson who
/// made it; within the cache's two-minute lifetime unless <c>--items</c> is very large). Targets: one CRM call per
/// uncached lookup, none when cached; cached p95 under 10 ms.
/// </summary>
public sealed class LookupScenario : IScenario
{
    public string Name => "lookup";

    public bool PerBackend => false;

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var plan = new LookupPlan(options.Items ?? 2_000, options.Concurrency);
        await using var world = await BenchWorld.StartAsync(Backend.Graph);
        world.SeedCrmContacts(plan.CrmContacts);
        await using var api = await HostedApi.StartAsync(world);
        using var client = await AddinLookupClient.SignInAsync(world, api, Enumerable.Range(0, plan.Users).Select(LookupPlan.User), cancellationToken);

        // Warm-up, not measured, no added latency: the API's first OIDC metadata/JWKS and Salesforce token
        // fetches, each salesperson's CRM user (resolved on their first lookup, then cached), and the JIT
        // on both paths (the second round is answered from the cache).
        var failures = 0;
        for (var round = 0; round < 2; round++)
        {
            var warm = await LoadRunner.RunAsync(options.Concurrency, null, plan.WarmUps,
                n => client.LookupAsync(plan.UserOf(n), plan.WarmUp(n), LookupPlan.KnownPerLookup, cancellationToken), cancellationToken);
            failures += warm.Failures;
        }

        if (failures > 0)
        {
            return [Failed(options, api, $"{failures} of {2 * plan.WarmUps} warm-up lookups failed or were answered wrongly (see the API's log above)")];
        }

        if (plan.Lookups >= 1_000)
        {
            await SettleAsync(cancellationToken);
        }

        world.SetLatency(options.LatencyMs);
        var uncached = await PhaseAsync(api, options, plan, plan.Lookups, client, cancellationToken);
        var cached = await PhaseAsync(api, options, plan, plan.CachedLookups, client, cancellationToken);
        return [LookupResult.From(options, plan, uncached, cached)];
    }

    /// <summary>The measured lookups in order (round after round when <paramref name="count"/> is more); the API's remote calls counted from zero.</summary>
    private static async Task<LookupPhase> PhaseAsync(
        HostedApi api, BenchOptions options, LookupPlan plan, int count, AddinLookupClient client, CancellationToken cancellationToken)
    {
        api.Calls.Reset();
        var load = await LoadRunner.RunAsync(options.Concurrency, null, count,
            n => client.LookupAsync(plan.UserOf(n % plan.Lookups), plan.Measured(n % plan.Lookups), LookupPlan.KnownPerLookup, cancellationToken), cancellationToken);
        return new LookupPhase(load, Measure.Calls(api.Calls));
    }

    /// <summary>
    /// Waits (up to 10 s) until this process is idle: after a warm-up the runtime goes on recompiling
    /// hot methods at tier 1 for seconds, and a measurement started at once would pay for it.
    /// </summary>
    private static async Task SettleAsync(CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            await Task.Delay(250, cancellationToken);
            process.Refresh();
            if (process.TotalProcessorTime - before <= TimeSpan.FromMilliseconds(10))
            {
                return;
            }
        }
    }

    /// <summary>A lookup the API refused or answered wrongly is a finding: the result file says so instead of figures.</summary>
    private BenchResult Failed(BenchOptions options, HostedApi api, string why) => new()
    {
        Scenario = Name,
        Backend = "salesforce",
        Items = 0,
        LatencyMs = options.LatencyMs,
        Calls = Measure.Calls(api.Calls),
        PeakWorkingSetMb = Measure.PeakWorkingSetMb(),
        Extra = new Dictionary<string, double?> { ["concurrency"] = options.Concurrency, ["failures"] = 1 },
        Notes = ["No measurement: " + why + "."],
    };
}

public sealed record LookupPhase(LoadRunner.LoadResult Load, CallCounts Calls)
{
    /// <summary>Calls to the CRM (Salesforce operations), as opposed to e.g. a JWKS refresh at Entra.</summary>
    public long CrmCalls => Calls.ByOperation.Where(kv => kv.Key.StartsWith("sf.", StringComparison.Ordinal)).Sum(kv => kv.Value);
}
