using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Core.Secrets;
using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Store;

/// <summary>A migrated store on one engine with its repositories, for one test.</summary>
internal sealed class StoreTestContext : IAsyncDisposable
{
    private readonly TestStore store;

    private StoreTestContext(TestStore store, StoreDatabase database)
    {
        this.store = store;
        Database = database;
        Migrator = new Migrator(database, NullLogger<Migrator>.Instance);
        var keys = Directory.CreateTempSubdirectory("outlookcrm-keys-");
        Protector = new SecretProtector(DataProtectionProvider.Create(keys));
    }

    public StoreDatabase Database { get; }
    public Migrator Migrator { get; }
    public SecretProtector Protector { get; }

    public static async Task<StoreTestContext> CreateAsync(StoreProvider provider, bool migrate = true)
    {
        var store = await TestStore.CreateAsync(provider);
        var context = new StoreTestContext(store, new StoreDatabase(store.Options));
        if (migrate)
        {
            await context.Migrator.MigrateAsync(CancellationToken.None);
        }

        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await store.DisposeAsync();
    }
}
