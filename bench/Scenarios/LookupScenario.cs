using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// The add-in lookup path through the product's Salesforce connector
/// (<see cref="ICrmConnector.LookupByEmailsAsync"/>): C concurrent callers, each lookup asking for the
/// three addresses of a small meeting (two known contacts, one unknown), L ms per CRM call. Every
/// lookup here is uncached (the API's per-user cache lives in <c>api/</c>, not measured here).
/// Target: one CRM call per lookup.
/// </summary>
public sealed class LookupScenario : IScenario
{
    public const int EmailsPerLookup = 3;

    public string Name => "lookup";

    public bool PerBackend => false;

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var lookups = options.Items ?? 2_000;
        const int crmContacts = 10_000;
        await using var world = await BenchWorld.StartAsync(Backend.Graph);
        world.SeedCrmContacts(crmContacts);
        var crm = await world.CrmAsync();
        IReadOnlyList<string> Emails(int n) => [$"crm{n * 7 % crmContacts}@example.com", $"crm{(n * 13 + 1) % crmContacts}@example.com", $"nobody{n}@example.org"];

        try
        {
            var warm = await crm.LookupByEmailsAsync(Emails(0), cancellationToken); // token and connection set-up outside the measurement
            if (warm.Count != EmailsPerLookup || warm[0].Records.Count == 0)
            {
                throw new InvalidOperationException("the warm-up lookup did not find a seeded contact");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Report, don't hide: a lookup the CRM refuses is a finding, and the result file says so.
            return [new BenchResult
            {
                Scenario = Name, Backend = "salesforce", Items = 0, LatencyMs = options.LatencyMs, Calls = Measure.Calls(world.Calls),
                PeakWorkingSetMb = Measure.PeakWorkingSetMb(),
                Extra = new Dictionary<string, double?> { ["concurrency"] = options.Concurrency, ["emailsPerLookup"] = EmailsPerLookup, ["failures"] = 1 },
                Notes = ["The lookup failed before any measurement: " + ex.GetType().Name + ": " + ex.Message.ReplaceLineEndings(" ")],
            }];
        }

        world.SetLatency(options.LatencyMs);
        world.Calls.Reset();
        var load = await LoadRunner.RunAsync(options.Concurrency, null, lookups, async n => (await crm.LookupByEmailsAsync(Emails(n), cancellationToken)).Count == EmailsPerLookup, cancellationToken);
        var calls = Measure.Calls(world.Calls);
        return [new BenchResult
        {
            Scenario = Name,
            Backend = "salesforce",
            Items = load.Requests,
            LatencyMs = options.LatencyMs,
            WallSeconds = Measure.Round(load.Seconds),
            ItemsPerSecond = Math.Round(load.PerSecond, 1),
            Calls = calls,
            MinimumCalls = load.Requests,
            Ratio = BenchResult.RatioOf(calls.Total, load.Requests),
            Latency = load.Percentiles(),
            PeakWorkingSetMb = Measure.PeakWorkingSetMb(),
            Extra = new Dictionary<string, double?>
            {
                ["concurrency"] = options.Concurrency,
                ["emailsPerLookup"] = EmailsPerLookup,
                ["crmCallsPerUncachedLookup"] = Measure.Round((double)calls.Total / Math.Max(1, load.Requests)),
                ["failures"] = load.Failures,
                ["cpuSeconds"] = Measure.Round(load.CpuSeconds),
                ["cachedP50Ms"] = null,
                ["cachedP95Ms"] = null,
                ["cachedP99Ms"] = null,
            },
            Notes =
            [
                "items = lookups; itemsPerSecond = lookups/s; latency = per lookup, uncached (straight to the CRM through the connector). minimumCalls = one CRM round trip per lookup.",
                "Cached figures (the API's LookupCache behind /api/addin/lookup) are not measured: the bench does not host the API.",
            ],
        }];
    }
}
