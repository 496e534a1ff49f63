using OutlookCrm.Core.Scheduling;

namespace OutlookCrm.Bench.ScaleOut;

/// <summary>What one round measured: W workers on a fresh world until every mailbox has had one successful run.</summary>
public sealed record RoundResult(
    int Workers, int Mailboxes, int ItemsPerMailbox, IReadOnlyList<string> WorkerIds, SyncOptions WorkerOptions,
    double WallSeconds, double CpuSeconds, double? CoresAvailable, double? PostgresCpuSeconds, long PostgresTransactions, CallCounts Calls, BatchCounts GraphBatches, IReadOnlyList<RecordedRun> Runs,
    int OverlappingRuns, int ExchangeRequestsOutsideRuns, int PeakConcurrentRuns)
{
    /// <summary>Successful runs per worker, every worker listed (0 when it got none).</summary>
    public IReadOnlyDictionary<string, int> MailboxesPerWorker =>
        WorkerIds.ToDictionary(id => id, id => Runs.Count(r => r.Succeeded && r.WorkerId == id));

    public double MeanRunSeconds =>
        Runs.Where(r => r.Succeeded).Select(r => (r.FinishedAt!.Value - r.StartedAt!.Value) / 1000.0).DefaultIfEmpty().Average();

    /// <summary>Items the engine wrote, by its own reports.</summary>
    public int SyncWrites => Runs.Where(r => r.Succeeded).Sum(r => (r.Report?.Contacts.Writes ?? 0) + (r.Report?.Events.Writes ?? 0));
}

public sealed record BatchCounts(long WriteBatches, long ReadBatches, long WriteMembers, long ReadMembers);

/// <summary>
/// One round of the scale-out scenario: a fresh world (emulators, database, configuration), W workers
/// started at once, then a wait until the product's run records show one successful run of every
/// mailbox. Wall time runs from the workers' start to the last of those runs' finish, as recorded.
/// </summary>
public static class ScaleOutRound
{
    private static readonly TimeSpan RecordsPoll = TimeSpan.FromMilliseconds(100);

    /// <param name="cpuProbe">How long to measure the CPU the machine gives this process before the round (zero: not measured).</param>
    public static async Task<RoundResult> RunAsync(
        BenchPostgres postgres, Backend backend, int mailboxes, int items, int workerCount, int latencyMs, TimeSpan timeout, TimeSpan cpuProbe,
        CancellationToken cancellationToken)
    {
        await using var world = await ScaleOutWorld.StartAsync(backend, postgres, mailboxes, items, cancellationToken);
        world.SetLatency(latencyMs);
        var workers = Enumerable.Range(0, workerCount).Select(_ => ScaleOutWorker.Create(world.WorkerSettings)).ToList();
        var ids = workers.Select(w => w.Id).ToList();
        var options = workers[0].Options;
        var transactionsBefore = await RunRecords.TransactionsAsync(world.StoreConnectionString, cancellationToken);
        // The previous round's garbage is not this round's work.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        double? coresAvailable = cpuProbe > TimeSpan.Zero ? Measure.Round(CpuProbe.CoresAvailable(cpuProbe), 2) : null;
        var postgresCpuBefore = postgres.CpuSeconds();
        var measure = new Measure();
        var startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        double cpu;
        CallCounts calls;
        BatchCounts batches;
        var polls = 0;
        try
        {
            await Task.WhenAll(workers.Select(w => w.StartAsync(cancellationToken)));
            try
            {
                polls = await WaitForEveryMailboxAsync(world, timeout, cancellationToken);
            }
            finally
            {
                await Task.WhenAll(workers.Select(w => w.StopAsync()));
            }

            cpu = measure.CpuSeconds;
            calls = Sum(workers.Select(w => w.Calls).ToList());
            batches = new BatchCounts(
                workers.Sum(w => w.Batches.WriteBatches), workers.Sum(w => w.Batches.ReadBatches),
                workers.Sum(w => w.Batches.WriteMembers), workers.Sum(w => w.Batches.ReadMembers));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync(); // closes its connections, so PostgreSQL's statistics include their work
            }
        }

        var postgresCpu = postgres.CpuSeconds() - postgresCpuBefore;
        // Less the bench's own: its polls of the run records and the first statistics query.
        var transactions = await RunRecords.TransactionsAsync(world.StoreConnectionString, cancellationToken) - transactionsBefore - polls - 1;
        var runs = await RunRecords.ReadAsync(world.StoreConnectionString, cancellationToken);
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1")
        {
            Trace(world, runs, startMs, Console.Error);
        }

        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var lastFinish = world.Mailboxes.Max(m => runs.Where(r => r.Mailbox == m && r.Succeeded).Min(r => r.FinishedAt!.Value));
        return new RoundResult(
            workerCount, mailboxes, 2 * items, ids, options,
            Measure.Round((lastFinish - startMs) / 1000.0), Measure.Round(cpu), coresAvailable, postgresCpu is { } pg ? Measure.Round(pg) : null, transactions,
            calls, batches, runs,
            RunRecords.OverlappingPairs(runs, nowMs), RunRecords.RequestsOutsideRuns(runs, world.ExchangeRequests, nowMs), RunRecords.PeakConcurrentRuns(runs, nowMs));
    }

    private static CallCounts Sum(IReadOnlyList<CallCounts> calls)
    {
        var byOperation = calls.SelectMany(c => c.ByOperation).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        return new CallCounts(byOperation.Values.Sum(), calls.Sum(c => c.Writes), new SortedDictionary<string, long>(byOperation, StringComparer.Ordinal));
    }

    /// <summary>BENCH_TRACE=1: every run and every request the emulators saw, in ms from the workers' start.</summary>
    private static void Trace(ScaleOutWorld world, IReadOnlyList<RecordedRun> runs, long startMs, TextWriter output)
    {
        var lines = runs.SelectMany(r => new[]
            {
                (At: r.StartedAt ?? 0, Text: $"run start {r.Mailbox} {r.WorkerId}"),
                (At: r.FinishedAt ?? 0, Text: $"run {r.State} {r.Mailbox} {r.WorkerId}"),
            })
            .Concat(world.ExchangeRequests.Concat(world.Salesforce.Admin.Journal.Entries).Concat(world.Entra.Admin.Journal.Entries)
                .Select(e => (At: e.At.ToUnixTimeMilliseconds(), Text: $"{e.Key} {e.Operation} {e.Status} {e.Method} {Uri.UnescapeDataString(e.Path)}")));
        foreach (var (at, text) in lines.OrderBy(l => l.At))
        {
            output.WriteLine($"{at - startMs,7} ms  {text}");
        }
    }

    /// <summary>
    /// Polls the run records until every mailbox has a successful run; a failed run or the timeout ends the round with its reason.
    /// Returns the number of polls (each one query, one transaction).
    /// </summary>
    private static async Task<int> WaitForEveryMailboxAsync(ScaleOutWorld world, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var polls = 1; ; polls++)
        {
            var finished = await RunRecords.ReadFinishedAsync(world.StoreConnectionString, cancellationToken);
            if (finished.FirstOrDefault(r => r.State == "failed") is { Mailbox: not null } failed)
            {
                throw new InvalidOperationException($"the run of {failed.Mailbox} by {failed.WorkerId} failed: {failed.Error}");
            }

            var synced = finished.Select(r => r.Mailbox).Distinct().Count();
            if (synced == world.Mailboxes.Count)
            {
                return polls;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"after {timeout.TotalSeconds:0} s only {synced} of {world.Mailboxes.Count} mailboxes had a successful run");
            }

            await Task.Delay(RecordsPoll, cancellationToken);
        }
    }
}
