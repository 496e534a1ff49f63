using OutlookCrm.Core.Sync;

namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// The seed every sync scenario starts from, for one mailbox: N contacts (half written in Outlook,
/// half in the CRM, distinct e-mails so each must be created on the other side) and N events in
/// Outlook. After the first run both sides hold N contacts and the CRM holds N events.
/// </summary>
public abstract class SyncScenarioBase : IScenario
{
    public const int DefaultItems = 10_000;

    public abstract string Name { get; }

    public bool PerBackend => true;

    protected virtual int DefaultItemCount => DefaultItems;

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var n = options.Items ?? DefaultItemCount;
        await using var world = await BenchWorld.StartAsync(options.Backend);
        var seed = Seed(world, n);
        return [await MeasureAsync(world, options, n, seed, cancellationToken)];
    }

    protected static Seeded Seed(BenchWorld world, int n)
    {
        var fromOutlook = n - n / 2;
        return new Seeded(
            world.SeedExchangeContacts(fromOutlook),
            world.SeedCrmContacts(n / 2),
            world.SeedExchangeEvents(n, minutesApart: Math.Max(1, 20 * 10_000 / Math.Max(n, 10_000))));
    }

    protected abstract Task<BenchResult> MeasureAsync(BenchWorld world, BenchOptions options, int n, Seeded seed, CancellationToken cancellationToken);

    /// <summary>The first run as the initial-sync scenario measures it: every item is moved once.</summary>
    internal static SyncWork InitialWork(int n) => new(
        CrmContactsRead: n / 2, CrmEventsRead: 0,
        ExchangeContactsRead: n - n / 2, ExchangeEventsRead: n,
        CrmContactWrites: n - n / 2, CrmEventWrites: n,
        ExchangeContactWrites: n / 2, ExchangeEventWrites: 0,
        FirstRun: true);

    protected static async Task<(MailboxSyncReport Report, Measure Measure, CallCounts Calls)> SyncMeasuredAsync(BenchWorld world, CancellationToken cancellationToken)
    {
        world.ClearJournals();
        var measure = Measure.Start(world.Calls, world.Batches);
        var report = await world.SyncAsync(cancellationToken);
        var calls = Measure.Calls(world.Calls, world.Batches);
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1")
        {
            world.TraceJournals(Console.Error);
        }
        world.LastBatches = (world.Batches.WriteBatches, world.Batches.ReadBatches, world.Batches.WriteMembers, world.Batches.ReadMembers);
        return (report, measure, calls);
    }

    protected static void EnsureClean(MailboxSyncReport report)
    {
        var errors = report.Contacts.Errors.Concat(report.Events.Errors).Take(5).Select(e => $"{e.Code}: {e.Message}").ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"the sync reported errors: {string.Join("; ", errors)}");
        }
    }

    protected static BenchResult Result(BenchWorld world, string scenario, BenchOptions options, int items, int movedItems, Measure measure, CallCounts calls, long minimum, MailboxSyncReport report, params string[] notes) => new()
    {
        Scenario = scenario,
        Backend = options.Backend.ToString().ToLowerInvariant(),
        Items = items,
        LatencyMs = options.LatencyMs,
        WallSeconds = Measure.Round(measure.WallSeconds),
        ItemsPerSecond = movedItems > 0 ? Measure.Round(movedItems / measure.WallSeconds, 1) : null,
        Calls = calls,
        MinimumCalls = minimum,
        Ratio = BenchResult.RatioOf(calls.Total, minimum),
        Latency = null,
        PeakWorkingSetMb = Measure.PeakWorkingSetMb(),
        Extra = new Dictionary<string, double?>
        {
            ["cpuSeconds"] = Measure.Round(measure.CpuSeconds),
            ["itemsMoved"] = movedItems,
            ["syncWrites"] = report.Contacts.Writes + report.Events.Writes,
            ["graphBatchesWithWrites"] = options.Backend == Backend.Graph ? world.LastBatches.WriteBatches : null,
            ["graphBatchesReadOnly"] = options.Backend == Backend.Graph ? world.LastBatches.ReadBatches : null,
            ["graphBatchWriteMembers"] = options.Backend == Backend.Graph ? world.LastBatches.WriteMembers : null,
            ["graphBatchReadMembers"] = options.Backend == Backend.Graph ? world.LastBatches.ReadMembers : null,
        },
        Notes = notes,
    };

    public sealed record Seeded(IReadOnlyList<string> OutlookContacts, IReadOnlyList<string> CrmContacts, IReadOnlyList<string> OutlookEvents);
}
