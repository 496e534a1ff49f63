using OutlookCrm.SyncWorker;

namespace OutlookCrm.SyncWorker.Tests;

public sealed class OnceCommandTests
{
    [Fact]
    public async Task Once_without_any_active_mailbox_says_so_and_exits_non_zero()
    {
        var directory = Directory.CreateTempSubdirectory("outlookcrm-worker-").FullName;
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await SyncWorkerMain.Main(
            [
                "--once",
                $"--Store:ConnectionString=Data Source={Path.Combine(directory, "store.db")}",
                $"--DataProtection:KeysDirectory={Path.Combine(directory, "keys")}",
                "--Logging:LogLevel:Default=Warning",
            ]);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(1, exit);
        Assert.Contains("No active mailbox", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "store.db")), "the store was created and migrated");
    }

    [Fact]
    public async Task An_invalid_setting_stops_the_worker_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<Core.Configuration.StartupConfigurationException>(
            () => SyncWorkerMain.Main(["--once", "--Sync:Interval=soon"]));

        Assert.Contains("Sync__Interval", error.Message, StringComparison.Ordinal);
    }
}
