using System.Text.Json;
using Dapper;
using OutlookCrm.Core.Sync;

namespace OutlookCrm.Core.Store;

public static class SyncRunStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>One row of <c>sync_runs</c>: a requested or scheduled run of one mailbox.</summary>
public sealed record SyncRun(
    string Id, string Mailbox, string State, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int ProgressDone, int ProgressTotal, string? WorkerId, MailboxSyncReport? Report, string? Error);

/// <summary>
/// The run queue and history. The admin API queues runs (<see cref="QueueAsync"/>); the sync runner,
/// holding the mailbox's lease, calls <see cref="StartAsync"/> → <see cref="ReportProgressAsync"/> →
/// <see cref="FinishAsync"/>.
/// </summary>
public sealed class SyncRunRepository(StoreDatabase database, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    private const string Columns =
        "id AS Id, mailbox AS Mailbox, state AS State, requested_at AS RequestedAt, started_at AS StartedAt, finished_at AS FinishedAt, " +
        "progress_done AS ProgressDone, progress_total AS ProgressTotal, worker_id AS WorkerId, report_json AS ReportJson, error AS Error";

    // A run and the queued requests folded into it when it started: same mailbox, same start.
    private const string SameStart =
        "state = @running AND mailbox = (SELECT mailbox FROM sync_runs WHERE id = @runId) AND started_at = (SELECT started_at FROM sync_runs WHERE id = @runId)";

    /// <summary>The error of a run whose worker stopped before finishing it (another worker took the mailbox over).</summary>
    public const string AbandonedError = "Abandoned: the worker stopped before finishing this run; another worker took the mailbox over after its lease expired.";

    /// <summary>Queues a run of <paramref name="mailbox"/> (lower-cased) and returns its id.</summary>
    public async Task<string> QueueAsync(string mailbox, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sync_runs (id, mailbox, state, requested_at) VALUES (@id, @mailbox, @state, @now)",
            new { id, mailbox = Normalize(mailbox), state = SyncRunStates.Queued, now = Now() }, cancellationToken: cancellationToken));
        return id;
    }

    /// <summary>Mailboxes with a queued run, oldest request first: the scheduler syncs these before their due time.</summary>
    public async Task<IReadOnlyList<string>> ListQueuedMailboxesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT mailbox FROM sync_runs WHERE state = @state GROUP BY mailbox ORDER BY MIN(requested_at)",
            new { state = SyncRunStates.Queued }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>
    /// The runner starts syncing <paramref name="mailbox"/> (it holds the mailbox lease): runs of the mailbox
    /// left running by a dead worker are marked failed, then the oldest queued run
    /// of the mailbox becomes running, or a new running row is created for a scheduled run. Returns the run id.
    /// Other queued runs of the mailbox are folded into this one: they would sync the same thing.
    /// </summary>
    public async Task<string> StartAsync(string mailbox, string workerId, CancellationToken cancellationToken)
    {
        mailbox = Normalize(mailbox);
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The caller holds the lease, so a run still "running" here belongs to a worker that died
        // (its lease expired): without this, the admin would see it running forever.
        await connection.ExecuteAsync(
            "UPDATE sync_runs SET state = @failed, finished_at = @now, error = @error WHERE mailbox = @mailbox AND state = @running",
            new { mailbox, now, failed = SyncRunStates.Failed, running = SyncRunStates.Running, error = AbandonedError }, transaction);
        var id = await connection.QueryFirstOrDefaultAsync<string>(
            "SELECT id FROM sync_runs WHERE mailbox = @mailbox AND state = @queued ORDER BY requested_at, id LIMIT 1",
            new { mailbox, queued = SyncRunStates.Queued }, transaction);
        if (id is null)
        {
            id = Guid.NewGuid().ToString("N");
            await connection.ExecuteAsync(
                "INSERT INTO sync_runs (id, mailbox, state, requested_at, started_at, worker_id) VALUES (@id, @mailbox, @running, @now, @now, @workerId)",
                new { id, mailbox, running = SyncRunStates.Running, now, workerId }, transaction);
        }
        else
        {
            await connection.ExecuteAsync(
                "UPDATE sync_runs SET state = @running, started_at = @now, worker_id = @workerId WHERE id = @id",
                new { id, running = SyncRunStates.Running, now, workerId }, transaction);
            await connection.ExecuteAsync(
                "UPDATE sync_runs SET state = @running, started_at = @now, worker_id = @workerId WHERE mailbox = @mailbox AND state = @queued",
                new { mailbox, queued = SyncRunStates.Queued, running = SyncRunStates.Running, now, workerId }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Progress of a running run (items done of the total known so far); shown by <c>GET /api/admin/sync-runs/{id}</c>.</summary>
    public async Task ReportProgressAsync(string runId, int done, int total, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE sync_runs SET progress_done = @done, progress_total = @total WHERE {SameStart}",
            new { runId, done, total, running = SyncRunStates.Running }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Ends a run: <c>succeeded</c> when <paramref name="error"/> is null, else <c>failed</c>. The report (what
    /// was applied, even by a failed run) is what <c>GET /api/admin/sync-status/{mailbox}</c> shows.
    /// </summary>
    public async Task FinishAsync(string runId, MailboxSyncReport? report, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE sync_runs SET state = @state, finished_at = @now, report_json = @report, error = @error WHERE {SameStart}",
            new
            {
                runId, now = Now(), error, running = SyncRunStates.Running,
                state = error is null ? SyncRunStates.Succeeded : SyncRunStates.Failed,
                report = report is null ? null : JsonSerializer.Serialize(report, ReportJson),
            },
            cancellationToken: cancellationToken));
    }

    public async Task<SyncRun?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM sync_runs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRun();
    }

    /// <summary>The most recent runs of a mailbox, newest request first.</summary>
    public async Task<IReadOnlyList<SyncRun>> ListLatestAsync(string mailbox, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM sync_runs WHERE mailbox = @mailbox ORDER BY requested_at DESC, id DESC LIMIT @limit",
            new { mailbox = Normalize(mailbox), limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRun()).ToList();
    }

    /// <summary>The last finished run of a mailbox (or the last that succeeded): what the sync status reports.</summary>
    public async Task<SyncRun?> FindLatestFinishedAsync(string mailbox, bool succeededOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM sync_runs WHERE mailbox = @mailbox AND finished_at IS NOT NULL AND (state = @succeeded OR @any = 1)
            ORDER BY finished_at DESC, id DESC LIMIT 1
            """,
            new { mailbox = Normalize(mailbox), succeeded = SyncRunStates.Succeeded, any = succeededOnly ? 0 : 1 }, cancellationToken: cancellationToken));
        return row?.ToRun();
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Normalize(string mailbox) => mailbox.Trim().ToLowerInvariant();

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Mailbox { get; set; } = "";
        public string State { get; set; } = "";
        public long RequestedAt { get; set; }
        public long? StartedAt { get; set; }
        public long? FinishedAt { get; set; }
        public long ProgressDone { get; set; }
        public long ProgressTotal { get; set; }
        public string? WorkerId { get; set; }
        public string? ReportJson { get; set; }
        public string? Error { get; set; }

        public SyncRun ToRun() => new(
            Id, Mailbox, State, DateTimeOffset.FromUnixTimeMilliseconds(RequestedAt), Time(StartedAt), Time(FinishedAt),
            (int)ProgressDone, (int)ProgressTotal, WorkerId,
            ReportJson is null ? null : JsonSerializer.Deserialize<MailboxSyncReport>(ReportJson, SyncRunRepository.ReportJson), Error);

        private static DateTimeOffset? Time(long? ms) => ms is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
    }
}
