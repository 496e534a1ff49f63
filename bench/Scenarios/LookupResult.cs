namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// One result file for both phases: the §6 fields are the uncached phase (the one that costs CRM calls,
/// so <c>calls</c>, <c>minimumCalls</c> and <c>ratio</c> mean what they mean elsewhere), the cached
/// phase's figures sit beside them in <c>extra</c> under <c>cached*</c>.
/// </summary>
public static class LookupResult
{
    public static BenchResult From(BenchOptions options, LookupPlan plan, LookupPhase uncached, LookupPhase cached)
    {
        var u = uncached.Load;
        var c = cached.Load;
        var (cachedP50, cachedP95, cachedP99) = c.Percentiles();
        return new BenchResult
        {
            Scenario = "lookup",
            Backend = "salesforce",
            Items = u.Requests,
            LatencyMs = options.LatencyMs,
            WallSeconds = Measure.Round(u.Seconds),
            ItemsPerSecond = Math.Round(u.PerSecond, 1),
            Calls = uncached.Calls,
            MinimumCalls = u.Requests,
            Ratio = BenchResult.RatioOf(uncached.Calls.Total, u.Requests),
            Latency = u.Percentiles(),
            PeakWorkingSetMb = Measure.PeakWorkingSetMb(),
            Extra = new Dictionary<string, double?>
            {
                ["concurrency"] = options.Concurrency,
                ["users"] = plan.Users,
                ["emailsPerLookup"] = LookupPlan.EmailsPerLookup,
                ["crmContacts"] = plan.CrmContacts,
                ["crmCallsPerUncachedLookup"] = Measure.Round((double)uncached.CrmCalls / Math.Max(1, u.Requests)),
                ["failures"] = u.Failures,
                ["cpuSeconds"] = Measure.Round(u.CpuSeconds),
                ["cpuMsPerLookup"] = CpuMsPer(u),
                ["cachedLookups"] = c.Requests,
                ["cachedLookupsPerSecond"] = Math.Round(c.PerSecond, 1),
                ["cachedP50Ms"] = cachedP50,
                ["cachedP95Ms"] = cachedP95,
                ["cachedP99Ms"] = cachedP99,
                ["cachedCrmCalls"] = cached.CrmCalls,
                ["cachedRemoteCalls"] = cached.Calls.Total,
                ["cachedFailures"] = c.Failures,
                ["cachedCpuSeconds"] = Measure.Round(c.CpuSeconds),
                ["cachedCpuMsPerLookup"] = CpuMsPer(c),
            },
            Notes =
            [
                $"POST /api/addin/lookup on the real API (token validation, per-user lookup cache, Salesforce connector) hosted in the bench process on loopback HTTP; {options.Concurrency} concurrent callers, {plan.Users} salespeople with Entra-issued tokens, {LookupPlan.EmailsPerLookup} addresses per lookup ({LookupPlan.KnownPerLookup} CRM contacts, 1 unknown) over {plan.CrmContacts:N0} CRM contacts.",
                $"items, wallSeconds, itemsPerSecond (lookups/s), latency, calls, minimumCalls (one CRM round trip per lookup) and ratio are the uncached phase: every address asked for the first time. cached* = each of those lookups {LookupPlan.CachedRounds} more times, by the salesperson who made it.",
                "Uncached wall figures are bounded by the Salesforce emulator, not the product: it runs each composite under its store-wide lock and scans every contact per query (about two thirds of an uncached lookup's CPU).",
                "cpu* = the whole process (API, emulators, load client) on the shared cores; wall figures include queueing behind the neighbours' load.",
            ],
        };
    }

    private static double CpuMsPer(LoadRunner.LoadResult load) => Measure.Round(load.CpuSeconds * 1000 / Math.Max(1, load.Requests), 2);
}
