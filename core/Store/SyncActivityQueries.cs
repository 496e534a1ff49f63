using System.Text.Json;
using Dapper;
using OutlookCrm.Core.Sync;

namespace OutlookCrm.Core.Store;

/// <summary>Items written in one clock hour (UTC) by the runs that finished in it.</summary>
public sealed record SyncActivityHour(DateTimeOffset Hour, int Items);

/// <summary>
/// Sync activity over time for the admin page: the writes (created + updated + deleted, both sides)
/// of every finished run, bucketed by the hour it finished.
/// </summary>
public sealed class SyncActivityQueries(StoreDatabase database, TimeProvider clock)
{
    /// <summary>
    /// One entry per hour of the last <paramref name="days"/> days, oldest first, ending with the current
    /// hour; hours without runs count 0. Queued requests folded into a run share its start and its report,
    /// so each (mailbox, start) is counted once.
    /// </summary>
    public async Task<IReadOnlyList<SyncActivityHour>> ItemsPerHourAsync(int days, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var currentHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var first = currentHour.AddHours(1 - (days * 24));

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT mailbox AS Mailbox, started_at AS StartedAt, finished_at AS FinishedAt, report_json AS ReportJson
            FROM sync_runs WHERE finished_at >= @from AND report_json IS NOT NULL
            """,
            new { from = first.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));

        var items = new int[days * 24];
        foreach (var run in rows.DistinctBy(r => (r.Mailbox, r.StartedAt)))
        {
            var hour = (int)((run.FinishedAt - first.ToUnixTimeMilliseconds()) / 3_600_000);
            var report = JsonSerializer.Deserialize<MailboxSyncReport>(run.ReportJson, SyncRunRepository.ReportJson);
            if (report is not null && hour < items.Length)
            {
                items[hour] += report.Contacts.Writes + report.Events.Writes;
            }
        }

        return items.Select((count, i) => new SyncActivityHour(first.AddHours(i), count)).ToList();
    }

    private sealed class Row
    {
        public string Mailbox { get; set; } = "";
        public long? StartedAt { get; set; }
        public long FinishedAt { get; set; }
        public string ReportJson { get; set; } = "";
    }
}
