namespace OutlookCrm.Core.Store;

public enum StoreProvider { Sqlite, Postgres }

/// <summary>Bound from the <c>Store</c> configuration section (CONTRACT.md §2).</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";
    public const string DefaultSqlite = "Data Source=./data/outlookcrm.db";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;
    public string ConnectionString { get; set; } = DefaultSqlite;
}
