using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Core.Sync.State;

/// <summary>
/// The state store's many-row writes as few statements: a first sync saves every item's relation once or twice
/// and forgets an item error per success, and a statement per row made the database's CPU grow with the items of
/// every worker sharing it. PostgreSQL gets one statement per write with a text array per column
/// (<c>unnest</c>, <c>= ANY</c>); SQLite, which has no arrays, chunks of <see cref="SqliteRowsPerStatement"/> rows
/// with numbered parameters. Both do exactly what one statement per row did.
/// </summary>
internal static class BulkStatements
{
    /// <summary>200 relations are 1,400 parameters, far inside SQLite's limit of 32,766.</summary>
    public const int SqliteRowsPerStatement = 200;

    private const string RelationColumns = "mailbox, object_kind, crm_id, crm_version, exchange_id, exchange_version, content_hash, links_hash, link_state, updated_at";

    /// <summary>Deletes every relation of the mailbox and kind that shares a CRM id or an Exchange id with one of <paramref name="relations"/>.</summary>
    public static IEnumerable<CommandDefinition> DeleteRelations(
        StoreProvider provider, string mailbox, string kind, IEnumerable<Relation> relations, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string Where = "DELETE FROM relations WHERE mailbox = @mailbox AND object_kind = @kind AND ";
        if (provider == StoreProvider.Postgres)
        {
            var all = relations.ToList();
            yield return new CommandDefinition(Where + "(crm_id = ANY(@crmIds) OR exchange_id = ANY(@exchangeIds))",
                new { mailbox, kind, crmIds = all.Select(r => r.CrmId).ToArray(), exchangeIds = all.Select(r => r.ExchangeId).ToArray() },
                transaction, cancellationToken: cancellationToken);
            yield break;
        }

        foreach (var chunk in relations.Chunk(SqliteRowsPerStatement))
        {
            var parameters = new DynamicParameters(new { mailbox, kind });
            var crmIds = InList(parameters, "c", chunk.Select(r => r.CrmId));
            var exchangeIds = InList(parameters, "e", chunk.Select(r => r.ExchangeId));
            yield return new CommandDefinition(Where + $"(crm_id IN {crmIds} OR exchange_id IN {exchangeIds})", parameters, transaction, cancellationToken: cancellationToken);
        }
    }

    public static IEnumerable<CommandDefinition> InsertRelations(
        StoreProvider provider, string mailbox, string kind, long now, IReadOnlyList<Relation> relations, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (relations.Count == 0)
        {
            yield break;
        }

        if (provider == StoreProvider.Postgres)
        {
            yield return new CommandDefinition(
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
            yield break;
        }

        foreach (var chunk in relations.Chunk(SqliteRowsPerStatement))
        {
            var parameters = new DynamicParameters(new { mailbox, kind, now });
            var rows = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var r = chunk[i];
                rows.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@mailbox, @kind, @c{i}, @cv{i}, @e{i}, @ev{i}, @h{i}, @lh{i}, @ls{i}, @now)");
                parameters.Add($"c{i}", r.CrmId);
                parameters.Add($"cv{i}", r.CrmVersion, DbType.String);
                parameters.Add($"e{i}", r.ExchangeId);
                parameters.Add($"ev{i}", r.ExchangeVersion, DbType.String);
                parameters.Add($"h{i}", r.ContentHash);
                parameters.Add($"lh{i}", r.LinksHash, DbType.String);
                parameters.Add($"ls{i}", r.LinkState, DbType.String);
            }

            yield return new CommandDefinition($"INSERT INTO relations ({RelationColumns}) VALUES {rows}", parameters, transaction, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Forgets the errors of the items of one side that were written successfully.</summary>
    public static IEnumerable<CommandDefinition> DeleteItemErrors(
        StoreProvider provider, string mailbox, string kind, string side, IReadOnlyList<string> itemIds, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string Where = "DELETE FROM item_errors WHERE mailbox = @mailbox AND object_kind = @kind AND side = @side AND ";
        if (provider == StoreProvider.Postgres)
        {
            yield return new CommandDefinition(Where + "item_id = ANY(@ids)", new { mailbox, kind, side, ids = itemIds.ToArray() }, transaction, cancellationToken: cancellationToken);
            yield break;
        }

        foreach (var chunk in itemIds.Chunk(SqliteRowsPerStatement))
        {
            var parameters = new DynamicParameters(new { mailbox, kind, side });
            yield return new CommandDefinition(Where + $"item_id IN {InList(parameters, "i", chunk)}", parameters, transaction, cancellationToken: cancellationToken);
        }
    }

    /// <summary><c>(@p0, @p1, …)</c> with the values added as parameters (SQLite has no array parameters).</summary>
    private static string InList(DynamicParameters parameters, string prefix, IEnumerable<string> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = $"{prefix}{names.Count}";
            parameters.Add(name, value);
            names.Add("@" + name);
        }

        return $"({string.Join(", ", names)})";
    }
}
