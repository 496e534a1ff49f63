using Dapper;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Core.Sync.State;

/// <summary><see cref="ISyncStateStore"/> on the product's store (SQLite or PostgreSQL).</summary>
public sealed class SqlSyncStateStore(StoreDatabase database, TimeProvider clock) : ISyncStateStore
{
    public async Task<IReadOnlyList<Relation>> LoadRelationsAsync(string mailbox, ObjectKind kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string CrmId, string? CrmVersion, string ExchangeId, string? ExchangeVersion, string ContentHash, string? LinksHash, string? LinkState)>(
            new CommandDefinition(
                """
                SELECT crm_id, crm_version, exchange_id, exchange_version, content_hash, links_hash, link_state
                FROM relations WHERE mailbox = @mailbox AND object_kind = @kind
                """,
                new { mailbox, kind = kind.StoreName() }, cancellationToken: cancellationToken));
        return rows.Select(r => new Relation(r.CrmId, r.CrmVersion, r.ExchangeId, r.ExchangeVersion, r.ContentHash)
            { LinksHash = r.LinksHash, LinkState = r.LinkState }).ToList();
    }

    public async Task SaveRelationsAsync(
        string mailbox, ObjectKind kind, IReadOnlyList<Relation> upserts, IReadOnlyList<Relation> removals, CancellationToken cancellationToken)
    {
        if (upserts.Count == 0 && removals.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(BulkStatements.DeleteRelations(database.Provider, mailbox, kind.StoreName(), [.. removals, .. upserts], transaction, cancellationToken));
        if (upserts.Count > 0)
        {
            await connection.ExecuteAsync(BulkStatements.InsertRelations(database.Provider, mailbox, kind.StoreName(), now, upserts, transaction, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<string?> GetCursorAsync(string mailbox, ObjectKind kind, Side side, CancellationToken cancellationToken) =>
        GetCursorRowAsync(mailbox, kind, side.StoreName(), cancellationToken);

    public Task SaveCursorAsync(string mailbox, ObjectKind kind, Side side, string cursor, CancellationToken cancellationToken) =>
        SaveCursorRowAsync(mailbox, kind, side.StoreName(), cursor, cancellationToken);

    private async Task<string?> GetCursorRowAsync(string mailbox, ObjectKind kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT cursor FROM change_cursors WHERE mailbox = @mailbox AND object_kind = @kind AND side = @side",
            new { mailbox, kind = kind.StoreName(), side = key }, cancellationToken: cancellationToken));
    }

    private async Task SaveCursorRowAsync(string mailbox, ObjectKind kind, string key, string cursor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO change_cursors (mailbox, object_kind, side, cursor, updated_at) VALUES (@mailbox, @kind, @side, @cursor, @now)
            ON CONFLICT (mailbox, object_kind, side) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """,
            new { mailbox, kind = kind.StoreName(), side = key, cursor, now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> HasUnsavedCreatesAsync(string mailbox, ObjectKind kind, Side side, CancellationToken cancellationToken) =>
        await GetCursorRowAsync(mailbox, kind, UnsavedCreatesKey(side), cancellationToken) is not null;

    public async Task SetUnsavedCreatesAsync(string mailbox, ObjectKind kind, Side side, bool unsaved, CancellationToken cancellationToken)
    {
        if (unsaved)
        {
            await SaveCursorRowAsync(mailbox, kind, UnsavedCreatesKey(side), "1", cancellationToken);
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM change_cursors WHERE mailbox = @mailbox AND object_kind = @kind AND side = @side",
            new { mailbox, kind = kind.StoreName(), side = UnsavedCreatesKey(side) }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The unsaved-creates mark lives beside the side's cursor, as one more row of per-side sync state
    /// (so a mailbox reset, which deletes the cursors, handles it with them).
    /// </summary>
    public static string UnsavedCreatesKey(Side side) => $"{side.StoreName()}:unsaved-creates";

    public async Task<IReadOnlyList<ItemError>> LoadItemErrorsAsync(string mailbox, ObjectKind kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Side, string ItemId, string Code, string Message, long Attempts, bool Unresolved)>(new CommandDefinition(
            "SELECT side, item_id, code, message, attempts, unresolved FROM item_errors WHERE mailbox = @mailbox AND object_kind = @kind",
            new { mailbox, kind = kind.StoreName() }, cancellationToken: cancellationToken));
        return rows.Select(r => new ItemError(r.Side == "crm" ? Side.Crm : Side.Exchange, r.ItemId, r.Code, r.Message, (int)r.Attempts, r.Unresolved)).ToList();
    }

    public async Task RecordItemOutcomesAsync(
        string mailbox, ObjectKind kind, IReadOnlyList<ItemFailure> failures, IReadOnlyList<(Side Side, string ItemId)> successes, CancellationToken cancellationToken)
    {
        if (failures.Count == 0 && successes.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var side in successes.GroupBy(s => s.Side))
        {
            await connection.ExecuteAsync(BulkStatements.DeleteItemErrors(
                database.Provider, mailbox, kind.StoreName(), side.Key.StoreName(), side.Select(s => s.ItemId).ToList(), transaction, cancellationToken));
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO item_errors (mailbox, object_kind, side, item_id, code, message, attempts, unresolved, first_seen_at, last_seen_at)
            VALUES (@mailbox, @kind, @side, @id, @code, @message, 1, @parkNow, @now, @now)
            ON CONFLICT (mailbox, object_kind, side, item_id) DO UPDATE SET code = excluded.code, message = excluded.message,
                attempts = item_errors.attempts + 1, unresolved = (item_errors.attempts + 1 >= @max), last_seen_at = excluded.last_seen_at
            """,
            failures.Select(f => new
            {
                mailbox, kind = kind.StoreName(), side = f.SourceSide.StoreName(), id = f.ItemId, code = f.Code,
                message = Truncate(f.Message), parkNow = ItemErrorPolicy.MaxAttempts <= 1, now, max = ItemErrorPolicy.MaxAttempts,
            }),
            transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Truncate(string message) => message.Length > 2000 ? message[..2000] : message;
}
