using System.Data.Common;
using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;

namespace OutlookCrm.Core.Store;

/// <summary>
/// Applies the embedded, numbered SQL scripts of the current engine, each once, in order, each in
/// its own transaction. Safe to run from several processes at once: PostgreSQL serialises them with
/// a session advisory lock, SQLite with <c>BEGIN IMMEDIATE</c>.
/// </summary>
public sealed class Migrator(StoreDatabase database, ILogger<Migrator> logger)
{
    private const long PostgresLockKey = 0x4f75_746c_6f6f_6b; // "Outlook"

    public static IReadOnlyList<Migration> Embedded(StoreProvider provider)
    {
        var folder = provider == StoreProvider.Postgres ? "postgres" : "sqlite";
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Store.Migrations.{folder}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => Migration.FromResource(assembly, name, name[prefix.Length..]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var postgres = database.Provider == StoreProvider.Postgres;
        if (postgres)
        {
            // Held for the whole run: even CREATE TABLE IF NOT EXISTS races on PostgreSQL's catalog.
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresLockKey });
        }

        try
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            foreach (var migration in Embedded(database.Provider))
            {
                await ApplyAsync(connection, migration, cancellationToken);
            }
        }
        finally
        {
            if (postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresLockKey });
            }
        }
    }

    /// <summary>The highest version applied, or 0. Used by <c>/readyz</c>.</summary>
    public async Task<int> AppliedVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(
            new CommandDefinition("SELECT MAX(version) FROM schema_migrations", cancellationToken: cancellationToken)) ?? 0;
    }

    public int LatestVersion => Embedded(database.Provider).Select(m => m.Version).DefaultIfEmpty(0).Max();

    private async Task ApplyAsync(DbConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        if (database.Provider == StoreProvider.Sqlite)
        {
            // BEGIN IMMEDIATE takes the write lock before the check, so two processes can't both apply.
            await connection.ExecuteAsync("BEGIN IMMEDIATE");
            try
            {
                if (await IsAppliedAsync(connection, null, migration))
                {
                    await connection.ExecuteAsync("ROLLBACK");
                    return;
                }

                await connection.ExecuteAsync(migration.Sql);
                await RecordAsync(connection, null, migration);
                await connection.ExecuteAsync("COMMIT");
            }
            catch
            {
                await connection.ExecuteAsync("ROLLBACK");
                throw;
            }
        }
        else
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await IsAppliedAsync(connection, transaction, migration))
            {
                return;
            }

            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await RecordAsync(connection, transaction, migration);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Applied store migration {Version} {Name}", migration.Version, migration.Name);
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction? transaction, Migration migration) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction) > 0;

    private static Task RecordAsync(DbConnection connection, DbTransaction? transaction, Migration migration) =>
        connection.ExecuteAsync(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
            new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
            transaction);
}

public sealed record Migration(int Version, string Name, string Sql)
{
    public static Migration FromResource(Assembly assembly, string resourceName, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Missing embedded migration {resourceName}");
        using var reader = new StreamReader(stream);
        var separator = fileName.IndexOf('_');
        var version = int.Parse(fileName[..separator], System.Globalization.CultureInfo.InvariantCulture);
        return new Migration(version, Path.GetFileNameWithoutExtension(fileName[(separator + 1)..]), reader.ReadToEnd());
    }
}
