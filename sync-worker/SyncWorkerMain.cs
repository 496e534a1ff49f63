using OutlookCrm.Core.Configuration;
using OutlookCrm.Core.Store;

namespace OutlookCrm.SyncWorker;

/// <summary>
/// The sync worker host. Today it prepares the store (migrations) and stops: the sync engine
/// (issue 6) and the scheduling loop (issue 7) are not built yet, so it says so and exits 2.
/// </summary>
public static class SyncWorkerMain
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        CoreConfigurationCheck.ThrowIfInvalid(CoreConfigurationCheck.Problems(builder.Configuration));
        builder.Services.AddStore(builder.Configuration);
        using var host = builder.Build();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        await Console.Error.WriteLineAsync("The store is ready, but the sync engine is not built yet (issues 6 and 7): nothing to run.");
        return 2;
    }
}
