using OutlookCrm.Core.Configuration;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.SyncWorker;

/// <summary>
/// <c>dotnet run --project sync-worker</c>: the continuous sync loop against the store of CONTRACT.md §2
/// (several workers may share one PostgreSQL store). <c>-- --once [--mailbox x]</c>: one pass over
/// every active mailbox (or one), a summary table, exit 0 only when every mailbox succeeded.
/// </summary>
public static class SyncWorkerMain
{
    public static async Task<int> Main(string[] args)
    {
        var once = args.Contains("--once");
        var mailbox = ArgumentAfter(args, "--mailbox");
        var builder = Host.CreateApplicationBuilder(args.Where(a => a is not "--once").ToArray());
        CoreConfigurationCheck.ThrowIfInvalid(CoreConfigurationCheck.Problems(builder.Configuration));
        builder.Services.AddStore(builder.Configuration).AddOutboundHttp(builder.Configuration);
        if (once)
        {
            builder.Services.AddSyncOptions(builder.Configuration).AddSyncServices().AddSingleton<OncePass>();
        }
        else
        {
            builder.Services.AddSyncLoop(builder.Configuration);
        }

        using var host = builder.Build();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        if (!once)
        {
            await host.RunAsync();
            return 0;
        }

        var outcomes = await host.Services.GetRequiredService<OncePass>().RunAsync(mailbox, CancellationToken.None);
        Console.Out.Write(OncePass.Summary(outcomes));
        return outcomes.Count > 0 && outcomes.All(o => o.Succeeded) ? 0 : 1;
    }

    private static string? ArgumentAfter(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
