using Dapper;

namespace OutlookCrm.Core.Store;

/// <summary>One admin change: who, when, what, and the before/after (secrets already masked by the caller).</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? BeforeJson, string? AfterJson);

public sealed class AuditLog(StoreDatabase database, TimeProvider clock)
{
    public async Task AppendAsync(string actor, string action, string target, string? beforeJson, string? afterJson, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, actor, action, target, before_json, after_json) VALUES (@at, @actor, @action, @target, @beforeJson, @afterJson)",
            new { at = clock.GetUtcNow().ToUnixTimeMilliseconds(), actor, action, target, beforeJson, afterJson },
            cancellationToken: cancellationToken));
    }

    /// <summary>Newest first; <paramref name="beforeId"/> pages backwards.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, long? beforeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            """
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, target AS Target, before_json AS BeforeJson, after_json AS AfterJson
            FROM audit_log WHERE (@beforeId IS NULL OR id < @beforeId) ORDER BY id DESC LIMIT @limit
            """,
            new { limit, beforeId }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Actor, r.Action, r.Target, r.BeforeJson, r.AfterJson)).ToList();
    }

    private sealed record AuditRow(long Id, long At, string Actor, string Action, string Target, string? BeforeJson, string? AfterJson);
}
