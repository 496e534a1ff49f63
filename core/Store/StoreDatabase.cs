using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OutlookCrm.Core.Store;

/// <summary>
/// Opens connections to the configured engine. Queries are written once in the SQL that SQLite
/// (3.35+) and PostgreSQL share: <c>@name</c> parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>.
/// </summary>
public sealed class StoreDatabase : IAsyncDisposable
{
    private static int sqliteInitialised;
    private readonly NpgsqlDataSource? postgres;
    private readonly string? sqliteConnectionString;

    public StoreDatabase(StoreOptions options)
    {
        Provider = options.Provider;
        if (options.Provider == StoreProvider.Postgres)
        {
            postgres = NpgsqlDataSource.Create(options.ConnectionString);
            return;
        }

        if (Interlocked.Exchange(ref sqliteInitialised, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }

        sqliteConnectionString = builder.ToString();
    }

    public StoreProvider Provider { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (postgres is not null)
        {
            return await postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL lets readers proceed beside the one writer; the busy timeout queues writers instead of failing.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync() => postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
