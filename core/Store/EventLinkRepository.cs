using Dapper;
using OutlookCrm.Core.Sync;

namespace OutlookCrm.Core.Store;

/// <summary>A meeting linked to a CRM Event from the add-in.</summary>
public sealed record EventLink(string ExchangeItemId, string CrmEventId, string LinkedBy, DateTimeOffset UpdatedAt);

public sealed class EventLinkRepository(StoreDatabase database, TimeProvider clock)
{
    public async Task<EventLink?> FindAsync(string exchangeItemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string ExchangeItemId, string CrmEventId, string LinkedBy, long UpdatedAt)?>(new CommandDefinition(
            "SELECT exchange_item_id, crm_event_id, linked_by, updated_at FROM event_links WHERE exchange_item_id = @exchangeItemId",
            new { exchangeItemId }, cancellationToken: cancellationToken));
        return row is { } r ? new EventLink(r.ExchangeItemId, r.CrmEventId, r.LinkedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAt)) : null;
    }

    public async Task SaveAsync(string exchangeItemId, string crmEventId, string linkedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO event_links (exchange_item_id, crm_event_id, linked_by, updated_at) VALUES (@exchangeItemId, @crmEventId, @linkedBy, @now)
            ON CONFLICT (exchange_item_id) DO UPDATE SET crm_event_id = excluded.crm_event_id, linked_by = excluded.linked_by, updated_at = excluded.updated_at
            """,
            new { exchangeItemId, crmEventId, linkedBy, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The CRM Event the sync relates to this mailbox's Exchange event (the sync's own id for it), or
    /// null: an add-in link of a synced meeting uses that Event rather than making a second.
    /// </summary>
    public async Task<string?> FindSyncedCrmEventAsync(string mailbox, string exchangeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT crm_id FROM relations WHERE mailbox = @mailbox AND object_kind = @kind AND exchange_id = @exchangeId",
            new { mailbox = mailbox.Trim().ToLowerInvariant(), kind = ObjectKind.Event.StoreName(), exchangeId }, cancellationToken: cancellationToken));
    }

    public async Task<bool> DeleteAsync(string exchangeItemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM event_links WHERE exchange_item_id = @exchangeItemId", new { exchangeItemId }, cancellationToken: cancellationToken)) > 0;
    }
}
