using OutlookCrm.Core.Store;

namespace OutlookCrm.TestSupport;

/// <summary>A throwaway store on either engine: a temp SQLite file, or a fresh PostgreSQL database.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly PostgresTestDatabase? postgres;
    private readonly string? sqliteDirectory;

    private TestStore(StoreOptions options, PostgresTestDatabase? postgres, string? sqliteDirectory)
    {
        Options = options;
        this.postgres = postgres;
        this.sqliteDirectory = sqliteDirectory;
    }

    public StoreOptions Options { get; }

    /// <summary>Theory data: both engines.</summary>
    public static TheoryData<StoreProvider> Engines => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    public static async Task<TestStore> CreateAsync(StoreProvider provider)
    {
        if (provider == StoreProvider.Postgres)
        {
            var database = await PostgresTestDatabase.CreateAsync();
            return new TestStore(new StoreOptions { Provider = provider, ConnectionString = database.ConnectionString }, database, null);
        }

        var directory = Directory.CreateTempSubdirectory("outlookcrm-test-").FullName;
        return new TestStore(
            new StoreOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(directory, "store.db")};Pooling=False" },
            null,
            directory);
    }

    /// <summary>The settings a host needs to use this store (Store__Provider, Store__ConnectionString).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Store:Provider", Options.Provider.ToString().ToLowerInvariant()),
        new("Store:ConnectionString", Options.ConnectionString),
    ];

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        if (sqliteDirectory is not null)
        {
            try
            {
                Directory.Delete(sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A connection still closing; the temp folder is cleaned by the OS.
            }
        }
    }
}
