using Dapper;
using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Store;

public sealed class MigratorTests
{
    private static readonly string[] Tables =
    [
        "connections", "sync_configurations", "sync_configuration_users", "relations", "change_cursors",
        "sync_runs", "item_errors", "mailbox_leases", "audit_log", "graph_subscriptions",
    ];

    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrate_creates_every_table_and_records_the_latest_version(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);

        Assert.Equal(context.Migrator.LatestVersion, await context.Migrator.AppliedVersionAsync(CancellationToken.None));
        await using var connection = await context.Database.OpenAsync(CancellationToken.None);
        foreach (var table in Tables)
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrating_again_changes_nothing(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        await context.Migrator.MigrateAsync(CancellationToken.None);

        await using var connection = await context.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(Migrator.Embedded(provider).Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Concurrent_migrations_apply_each_script_once(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider, migrate: false);
        var others = Enumerable.Range(0, 4).Select(_ => new Migrator(context.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance));

        await Task.WhenAll(others.Select(m => Task.Run(() => m.MigrateAsync(CancellationToken.None))));

        await using var connection = await context.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(Migrator.Embedded(provider).Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public void Both_engines_have_the_same_migration_versions()
    {
        Assert.Equal(
            Migrator.Embedded(StoreProvider.Sqlite).Select(m => (m.Version, m.Name)),
            Migrator.Embedded(StoreProvider.Postgres).Select(m => (m.Version, m.Name)));
        Assert.NotEmpty(Migrator.Embedded(StoreProvider.Sqlite));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Relations_are_unique_per_mailbox_kind_and_side_id(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        await using var connection = await context.Database.OpenAsync(CancellationToken.None);
        const string insert = "INSERT INTO relations (mailbox, object_kind, crm_id, exchange_id, updated_at) VALUES (@m, 'contact', @c, @e, 0)";
        await connection.ExecuteAsync(insert, new { m = "a@x.com", c = "003A", e = "AAA" });
        await connection.ExecuteAsync(insert, new { m = "b@x.com", c = "003A", e = "AAA" }); // other mailbox: fine

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(insert, new { m = "a@x.com", c = "003A", e = "BBB" }));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(insert, new { m = "a@x.com", c = "003B", e = "AAA" }));
    }
}
