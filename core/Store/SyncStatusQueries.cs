using Dapper;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Store;

/// <summary>One <c>item_errors</c> row as the admin sees it.</summary>
public sealed record StoredItemError(
    long Id, string ObjectKind, string Side, string ItemId, string Code, string Message, int Attempts, bool Unresolved, DateTimeOffset LastSeenAt);

/// <summary>What a mailbox reset removed.</summary>
public sealed record MailboxResetCounts(int Relations, int Cursors, int ItemErrors);

/// <summary>
/// Reads and repairs the sync state of one mailbox for the admin: its item errors, retrying a
/// parked item, and a reset that forgets cursors, relations and errors (the next run starts over
/// and re-matches items on both sides).
/// </summary>
public sealed class SyncStatusQueries(StoreDatabase database)
{
    public async Task<IReadOnlyList<StoredItemError>> ItemErrorsAsync(string mailbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ErrorRow>(new CommandDefinition(
            """
            SELECT id AS Id, object_kind AS ObjectKind, side AS Side, item_id AS ItemId, code AS Code, message AS Message,
                   CAST(attempts AS BIGINT) AS Attempts, CAST(CASE WHEN unresolved THEN 1 ELSE 0 END AS BIGINT) AS Unresolved, last_seen_at AS LastSeenAt
            FROM item_errors WHERE mailbox = @mailbox ORDER BY id
            """,
            new { mailbox = Normalize(mailbox) }, cancellationToken: cancellationToken));
        return rows.Select(r => new StoredItemError(
            r.Id, r.ObjectKind, r.Side, r.ItemId, r.Code, r.Message, (int)r.Attempts, r.Unresolved != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(r.LastSeenAt))).ToList();
    }

    /// <summary>
    /// Un-parks one item error of the mailbox: attempts back to 0, no longer unresolved, so the next run
    /// tries the item again. False when the mailbox has no such error.
    /// </summary>
    public async Task<bool> RetryItemErrorAsync(string mailbox, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE item_errors SET attempts = 0, unresolved = @no WHERE id = @id AND mailbox = @mailbox",
            new { id, mailbox = Normalize(mailbox), no = false }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Forgets the mailbox's change cursors, relations and item errors, in one transaction. Items the
    /// sync created in the mailbox are then unknown to the store, so the Exchange side is marked as
    /// holding unsaved creates: the next sync reads their partner-id stamps and pairs them instead of
    /// creating them again (<see cref="SqlSyncStateStore.UnsavedCreatesKey"/>).
    /// </summary>
    public async Task<MailboxResetCounts> ResetMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        var parameters = new { mailbox = Normalize(mailbox) };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var relations = await connection.ExecuteAsync("DELETE FROM relations WHERE mailbox = @mailbox", parameters, transaction);
        var cursors = await connection.ExecuteAsync("DELETE FROM change_cursors WHERE mailbox = @mailbox", parameters, transaction);
        var errors = await connection.ExecuteAsync("DELETE FROM item_errors WHERE mailbox = @mailbox", parameters, transaction);
        if (relations > 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO change_cursors (mailbox, object_kind, side, cursor, updated_at) VALUES (@mailbox, @kind, @side, '1', @now)",
                new[] { ObjectKind.Contact, ObjectKind.Event }.Select(kind => new
                {
                    parameters.mailbox, kind = kind.StoreName(), side = SqlSyncStateStore.UnsavedCreatesKey(Side.Exchange), now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                }),
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return new MailboxResetCounts(relations, cursors, errors);
    }

    private static string Normalize(string mailbox) => mailbox.Trim().ToLowerInvariant();

    private sealed class ErrorRow
    {
        public long Id { get; set; }
        public string ObjectKind { get; set; } = "";
        public string Side { get; set; } = "";
        public string ItemId { get; set; } = "";
        public string Code { get; set; } = "";
        public string Message { get; set; } = "";
        public long Attempts { get; set; }
        public long Unresolved { get; set; }
        public long LastSeenAt { get; set; }
    }
}
