using Dapper;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Core.Scheduling;

/// <summary>
/// Expiring leases on mailboxes, so a mailbox is never synced by two workers at once and a dead
/// worker's mailboxes are taken over when its leases expire. Each row also says when the mailbox is
/// next due and until when it backs off after throttling. PostgreSQL claims with
/// <c>FOR UPDATE SKIP LOCKED</c>; on SQLite the single <c>UPDATE</c> runs under the database write
/// lock, which gives the same one-claimer semantics within and across processes. A claim stamps
/// <c>next_due_at</c> with the claim time, so a mailbox made due while it runs (<c>next_due_at = 0</c>: a change
/// notification, a requested run) is still due when it is released rather than waiting for its interval.
/// </summary>
public sealed class MailboxLeases(StoreDatabase database, TimeProvider clock)
{
    /// <summary>Adds rows for new mailboxes (due at once) and drops rows of mailboxes no longer configured.</summary>
    public async Task TrackAsync(IReadOnlyCollection<string> mailboxes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO mailbox_leases (mailbox) VALUES (@mailbox) ON CONFLICT (mailbox) DO NOTHING",
            mailboxes.Select(mailbox => new { mailbox }));
        var tracked = await connection.QueryAsync<string>("SELECT mailbox FROM mailbox_leases");
        var gone = tracked.Except(mailboxes, StringComparer.Ordinal).ToList();
        await connection.ExecuteAsync("DELETE FROM mailbox_leases WHERE mailbox = @mailbox AND owner IS NULL", gone.Select(mailbox => new { mailbox }));
    }

    /// <summary>Claims up to <paramref name="max"/> due mailboxes that nobody holds (or whose lease expired), oldest due first.</summary>
    public async Task<IReadOnlyList<string>> ClaimDueAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var lockClause = database.Provider == StoreProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await database.OpenAsync(cancellationToken);
        var claimed = await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            UPDATE mailbox_leases SET owner = @owner, expires_at = @expires, next_due_at = @now
            WHERE mailbox IN (
                SELECT mailbox FROM mailbox_leases
                WHERE (owner IS NULL OR expires_at < @now) AND next_due_at <= @now AND backoff_until <= @now
                ORDER BY next_due_at, mailbox LIMIT @max {lockClause})
            RETURNING mailbox
            """,
            new { owner, expires = now + (long)lease.TotalMilliseconds, now, max }, cancellationToken: cancellationToken));
        return claimed.ToList();
    }

    /// <summary>Claims one named mailbox whether due or not (<c>--once</c>), unless another worker holds it.</summary>
    public async Task<bool> TryClaimAsync(string owner, string mailbox, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("INSERT INTO mailbox_leases (mailbox) VALUES (@mailbox) ON CONFLICT (mailbox) DO NOTHING", new { mailbox });
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE mailbox_leases SET owner = @owner, expires_at = @expires, next_due_at = @now
            WHERE mailbox = @mailbox AND (owner IS NULL OR owner = @owner OR expires_at < @now)
            """,
            new { owner, mailbox, expires = now + (long)lease.TotalMilliseconds, now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Extends a held lease; false when the lease was lost (expired and taken over).</summary>
    public async Task<bool> RenewAsync(string owner, string mailbox, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mailbox_leases SET expires_at = @expires WHERE mailbox = @mailbox AND owner = @owner",
            new { owner, mailbox, expires = clock.GetUtcNow().Add(lease).ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Gives the mailbox back, due again at <paramref name="nextDue"/> (at once if it was made due during the run),
    /// not before <paramref name="backoffUntil"/>.
    /// </summary>
    public async Task ReleaseAsync(string owner, string mailbox, DateTimeOffset nextDue, DateTimeOffset? backoffUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE mailbox_leases SET owner = NULL, expires_at = 0, next_due_at = CASE WHEN next_due_at = 0 THEN 0 ELSE @due END, backoff_until = @backoff
            WHERE mailbox = @mailbox AND owner = @owner
            """,
            new { owner, mailbox, due = nextDue.ToUnixTimeMilliseconds(), backoff = backoffUntil?.ToUnixTimeMilliseconds() ?? 0 },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Makes a mailbox due now (a requested sync run, a change notification); a back-off still holds. A mailbox
    /// already due is left alone: a burst of notifications is one pending run, and one row write.
    /// </summary>
    public async Task MakeDueAsync(string mailbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mailbox_leases SET next_due_at = 0 WHERE mailbox = @mailbox AND next_due_at <> 0", new { mailbox }, cancellationToken: cancellationToken));
    }
}
