using System.Text.Json;
using Npgsql;
using OutlookCrm.Core.Sync;
using OutlookCrm.Emulators.Common.Admin;

namespace OutlookCrm.Bench.ScaleOut;

/// <summary>One row of the product's <c>sync_runs</c> table (times in Unix milliseconds, as stored).</summary>
public sealed record RecordedRun(string Mailbox, string? WorkerId, string State, long? StartedAt, long? FinishedAt, string? Error, MailboxSyncReport? Report)
{
    public bool Succeeded => State == "succeeded";
}

/// <summary>
/// What the product itself recorded about a round — its <c>sync_runs</c> rows — and the checks made on
/// them: no two runs of one mailbox overlapping in time, and every Exchange request the emulator served
/// for a mailbox arriving inside one of that mailbox's recorded runs (so the records cover all the work).
/// </summary>
public static class RunRecords
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<RecordedRun>> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT mailbox, worker_id, state, started_at, finished_at, error, report_json FROM sync_runs ORDER BY started_at", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RecordedRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RecordedRun(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<MailboxSyncReport>(reader.GetString(6), ReportJson)));
        }

        return runs;
    }

    /// <summary>
    /// The mailboxes with a finished run and how it ended, read while workers run: a small query (no reports), so
    /// the bench's polling costs the machine little of what it measures.
    /// </summary>
    public static async Task<IReadOnlyList<(string Mailbox, string State, string? WorkerId, string? Error)>> ReadFinishedAsync(
        string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT mailbox, state, worker_id, error FROM sync_runs WHERE state IN ('succeeded', 'failed')", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var finished = new List<(string, string, string?, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            finished.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return finished;
    }

    /// <summary>Transactions committed or rolled back in the store's database so far: each statement outside a transaction is one, so this counts the store's round trips.</summary>
    public static async Task<long> TransactionsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Pairs of runs of the same mailbox whose [start, finish] intervals intersect (a run not finished counts
    /// as still running at <paramref name="nowMs"/>). Two workers syncing one mailbox at once would show here.
    /// </summary>
    public static int OverlappingPairs(IReadOnlyList<RecordedRun> runs, long nowMs)
    {
        var overlaps = 0;
        foreach (var mailbox in runs.Where(r => r.StartedAt is not null).GroupBy(r => r.Mailbox))
        {
            var ordered = mailbox.OrderBy(r => r.StartedAt).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                for (var j = i + 1; j < ordered.Count; j++)
                {
                    if (ordered[j].StartedAt <= (ordered[i].FinishedAt ?? nowMs))
                    {
                        overlaps++;
                    }
                }
            }
        }

        return overlaps;
    }

    /// <summary>The most runs in progress at one moment, over all mailboxes and workers.</summary>
    public static int PeakConcurrentRuns(IReadOnlyList<RecordedRun> runs, long nowMs)
    {
        var edges = runs.Where(r => r.StartedAt is not null)
            .SelectMany(r => new[] { (At: r.StartedAt!.Value, Delta: 1), (At: r.FinishedAt ?? nowMs, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta); // a run ending at the ms another starts did not overlap it
        int current = 0, peak = 0;
        foreach (var (_, delta) in edges)
        {
            current += delta;
            peak = Math.Max(peak, current);
        }

        return peak;
    }

    /// <summary>Exchange requests for a tracked mailbox that arrived outside every recorded run of that mailbox.</summary>
    public static int RequestsOutsideRuns(IReadOnlyList<RecordedRun> runs, IEnumerable<JournalEntry> exchangeRequests, long nowMs)
    {
        var byMailbox = runs.Where(r => r.StartedAt is not null).ToLookup(r => r.Mailbox, StringComparer.OrdinalIgnoreCase);
        return exchangeRequests.Count(request =>
        {
            var at = request.At.ToUnixTimeMilliseconds();
            return byMailbox.Contains(request.Key) && !byMailbox[request.Key].Any(r => r.StartedAt <= at && at <= (r.FinishedAt ?? nowMs));
        });
    }
}
