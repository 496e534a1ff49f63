using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using OutlookCrm.Core.Sync.Configuration;

namespace OutlookCrm.Core.Store;

/// <summary>A stored configuration and when it was created and last changed.</summary>
public sealed record StoredSyncConfiguration(SyncConfiguration Configuration, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A mailbox and the configuration it belongs to.</summary>
public sealed record MailboxOwner(string Mailbox, string Configuration);

/// <summary>
/// Sync configurations (<c>sync_configurations</c>) and their mailboxes (<c>sync_configuration_users</c>,
/// lower-case). The settings are the <see cref="SyncConfiguration"/> record as JSON; <c>active</c> is a column so
/// "which active configuration owns this mailbox" is one indexed query.
/// </summary>
public sealed class SyncConfigurationRepository(StoreDatabase database, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string Columns = "name AS Name, CAST(CASE WHEN active THEN 1 ELSE 0 END AS BIGINT) AS Active, settings_json AS SettingsJson, created_at AS CreatedAt, updated_at AS UpdatedAt";

    /// <summary>Creates or replaces the configuration and its mailbox list, in one transaction. True when it was new.</summary>
    public async Task<bool> SaveAsync(SyncConfiguration configuration, CancellationToken cancellationToken)
    {
        var users = configuration.Users.Select(u => u.Trim().ToLowerInvariant()).Distinct().ToList();
        configuration = configuration with { Users = users };
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existed = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sync_configurations WHERE name = @name", new { name = configuration.Name }, transaction) > 0;
        await connection.ExecuteAsync(
            """
            INSERT INTO sync_configurations (name, active, settings_json, created_at, updated_at) VALUES (@name, @active, @json, @now, @now)
            ON CONFLICT (name) DO UPDATE SET active = excluded.active, settings_json = excluded.settings_json, updated_at = excluded.updated_at
            """,
            new { name = configuration.Name, active = configuration.Active, json = JsonSerializer.Serialize(configuration, Json), now }, transaction);
        await connection.ExecuteAsync("DELETE FROM sync_configuration_users WHERE configuration_name = @name", new { name = configuration.Name }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO sync_configuration_users (configuration_name, mailbox) VALUES (@name, @mailbox)",
            users.Select(mailbox => new { name = configuration.Name, mailbox }), transaction);
        await transaction.CommitAsync(cancellationToken);
        return !existed;
    }

    public async Task<StoredSyncConfiguration?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM sync_configurations WHERE name = @name", new { name }, cancellationToken: cancellationToken));
        return row is null ? null : ToStored(row);
    }

    public async Task<IReadOnlyList<StoredSyncConfiguration>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM sync_configurations ORDER BY name", cancellationToken: cancellationToken));
        return rows.Select(ToStored).ToList();
    }

    /// <summary>Deletes the configuration (its mailbox list goes with it). False when there was none.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM sync_configuration_users WHERE configuration_name = @name", new { name }, transaction);
        var deleted = await connection.ExecuteAsync("DELETE FROM sync_configurations WHERE name = @name", new { name }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    /// <summary>The active configuration a mailbox belongs to, if any: what the sync runner syncs it with.</summary>
    public async Task<SyncConfiguration?> FindActiveForMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM sync_configurations c
            WHERE c.active = @yes AND EXISTS (SELECT 1 FROM sync_configuration_users u WHERE u.configuration_name = c.name AND u.mailbox = @mailbox)
            ORDER BY c.name
            """,
            new { mailbox = mailbox.Trim().ToLowerInvariant(), yes = true }, cancellationToken: cancellationToken));
        return row is null ? null : ToStored(row).Configuration;
    }

    /// <summary>Whether any configuration, active or not, lists the mailbox.</summary>
    public async Task<bool> IsListedAsync(string mailbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sync_configuration_users WHERE mailbox = @mailbox",
            new { mailbox = mailbox.Trim().ToLowerInvariant() }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Every mailbox of an active configuration, for the scheduler.</summary>
    public async Task<IReadOnlyList<MailboxOwner>> ListActiveMailboxesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ActiveOwnersAsync(connection, null, null, cancellationToken);
    }

    /// <summary>Which of <paramref name="mailboxes"/> already belong to an active configuration other than <paramref name="exceptName"/>.</summary>
    public async Task<IReadOnlyList<MailboxOwner>> FindActiveOwnersAsync(IEnumerable<string> mailboxes, string exceptName, CancellationToken cancellationToken)
    {
        var wanted = mailboxes.Select(m => m.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        var owners = await ActiveOwnersAsync(connection, exceptName, wanted, cancellationToken);
        return owners;
    }

    private static async Task<IReadOnlyList<MailboxOwner>> ActiveOwnersAsync(
        DbConnection connection, string? exceptName, HashSet<string>? wanted, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<MailboxOwner>(new CommandDefinition(
            """
            SELECT u.mailbox AS Mailbox, c.name AS Configuration FROM sync_configuration_users u
            JOIN sync_configurations c ON c.name = u.configuration_name
            WHERE c.active = @yes AND (@exceptName IS NULL OR c.name <> @exceptName) ORDER BY u.mailbox, c.name
            """,
            new { exceptName, yes = true }, cancellationToken: cancellationToken));
        return rows.Where(r => wanted is null || wanted.Contains(r.Mailbox)).ToList();
    }

    private static StoredSyncConfiguration ToStored(Row row)
    {
        var configuration = JsonSerializer.Deserialize<SyncConfiguration>(row.SettingsJson, Json)
            ?? throw new InvalidOperationException($"Sync configuration '{row.Name}' has empty settings.");
        return new StoredSyncConfiguration(
            configuration with { Name = row.Name, Active = row.Active != 0 },
            DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt));
    }

    // A class, not a positional record: Dapper then converts per value, whatever type an empty SQLite result declares.
    private sealed class Row
    {
        public string Name { get; set; } = "";
        public long Active { get; set; }
        public string SettingsJson { get; set; } = "";
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
    }
}
