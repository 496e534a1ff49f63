using System.Data.Common;
using Dapper;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Core.Sync.State;

/// <summary>
/// The state store's many-row writes, one statement each (callers skip an empty list): a first sync saves every item's relation once or twice
/// and forgets an item error per success, and a statement per row made the database's CPU grow with the items of
/// every worker sharing it. PostgreSQL gets one statement per write with a text array per column
/// (<c>unnest</c>, <c>= ANY</c>). SQLite, in process and without arrays, gets one statement prepared once and
/// run per row (Dapper with a list of parameter sets): generated multi-row statements with hundreds of
/// parameters cost it twice the CPU of a whole first sync (bench `initial-sync`: 13 → 25 CPU-s).
/// </summary>
internal static class BulkStatements
{
    private const string RelationColumns = "mailbox, object_kind, crm_id, crm_version, exchange_id, exchange_version, content_hash, links_hash, link_state, updated_at";

    /// <summary>Deletes every relation of the mailbox and kind that shares a CRM id or an Exchange id with one of <paramref name="relations"/>.</summary>
    public static CommandDefinition DeleteRelations(
        StoreProvider provider, string mailbox, string kind, IReadOnlyList<Relation> relations, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string Where = "DELETE FROM relations WHERE mailbox = @mailbox AND object_kind = @kind AND ";
        if (provider == StoreProvider.Postgres)
        {
            return new CommandDefinition(Where + "(crm_id = ANY(@crmIds) OR exchange_id = ANY(@exchangeIds))",
                new { mailbox, kind, crmIds = relations.Select(r => r.CrmId).ToArray(), exchangeIds = relations.Select(r => r.ExchangeId).ToArray() },
                transaction, cancellationToken: cancellationToken);
        }

        return new CommandDefinition(Where + "(crm_id = @CrmId OR exchange_id = @ExchangeId)",
            relations.Select(r => new { mailbox, kind, r.CrmId, r.ExchangeId }).ToList(), transaction, cancellationToken: cancellationToken);
    }

    public static CommandDefinition InsertRelations(
        StoreProvider provider, string mailbox, string kind, long now, IReadOnlyList<Relation> relations, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (provider == StoreProvider.Postgres)
        {
            return new CommandDefinition(
                $"""
                INSERT INTO relations ({RelationColumns})
                SELECT @mailbox, @kind, r.c, r.cv, r.e, r.ev, r.h, r.lh, r.ls, @now
                FROM unnest(@c, @cv, @e, @ev, @h, @lh, @ls) AS r(c, cv, e, ev, h, lh, ls)
                """,
                new
                {
                    mailbox, kind, now,
                    c = relations.Select(r => r.CrmId).ToArray(), cv = relations.Select(r => r.CrmVersion).ToArray(),
                    e = relations.Select(r => r.ExchangeId).ToArray(), ev = relations.Select(r => r.ExchangeVersion).ToArray(),
                    h = relations.Select(r => r.ContentHash).ToArray(), lh = relations.Select(r => r.LinksHash).ToArray(),
                    ls = relations.Select(r => r.LinkState).ToArray(),
                },
                transaction, cancellationToken: cancellationToken);
        }

        return new CommandDefinition(
            $"INSERT INTO relations ({RelationColumns}) VALUES (@mailbox, @kind, @CrmId, @CrmVersion, @ExchangeId, @ExchangeVersion, @ContentHash, @LinksHash, @LinkState, @now)",
            relations.Select(r => new { mailbox, kind, r.CrmId, r.CrmVersion, r.ExchangeId, r.ExchangeVersion, r.ContentHash, r.LinksHash, r.LinkState, now }).ToList(),
            transaction, cancellationToken: cancellationToken);
    }

    /// <summary>Forgets the errors of the items of one side that were written successfully.</summary>
    public static CommandDefinition DeleteItemErrors(
        StoreProvider provider, string mailbox, string kind, string side, IReadOnlyList<string> itemIds, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string Where = "DELETE FROM item_errors WHERE mailbox = @mailbox AND object_kind = @kind AND side = @side AND ";
        if (provider == StoreProvider.Postgres)
        {
            return new CommandDefinition(Where + "item_id = ANY(@ids)", new { mailbox, kind, side, ids = itemIds.ToArray() }, transaction, cancellationToken: cancellationToken);
        }

        return new CommandDefinition(Where + "item_id = @id", itemIds.Select(id => new { mailbox, kind, side, id }).ToList(), transaction, cancellationToken: cancellationToken);
    }
}
