using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Bench;

/// <summary>What one sync run in a process of its own used and did.</summary>
public sealed record ProductRun(
    double WallSeconds, double CpuSeconds, double PeakWorkingSetMb, double GcCommittedPeakMb, double AllocatedMb,
    int SyncWrites, IReadOnlyList<string> Errors, CallCounts Calls);

/// <summary>
/// Runs one sync of the bench mailbox in a second process, so its peak working set is the product's
/// alone: the emulators, which hold the same data as the mailbox and the CRM, stay in the bench
/// process. The child is this executable with <see cref="Command"/>; it wires the product over the
/// bench's store, key ring and CA (<see cref="ProductServices"/>) and prints one JSON line.
/// </summary>
public static class ProductProcess
{
    public const string Command = "sync-once-child";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ProductRun> SyncAsync(BenchWorld world, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ProductProcess).Assembly.Location); // run as `dotnet OutlookCrm.Bench.dll`
        }

        start.ArgumentList.Add(Command);
        start.ArgumentList.Add(world.StateDirectory);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the product process did not start");
        var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the product process failed ({child.ExitCode}): {await errors}");
        }

        return JsonSerializer.Deserialize<ProductRun>((await output).Trim(), Json) ?? throw new InvalidOperationException("the product process printed no result");
    }

    /// <summary>The child: one run of the bench configuration for the bench mailbox, then its figures on stdout.</summary>
    public static async Task<int> RunChildAsync(string directory)
    {
        var batches = new BatchInspector();
        await using var services = ProductServices.Create(directory, TimeProvider.System, batches).BuildServiceProvider();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var committed = 0L;
        // How much of the working set the managed heap took at most (the rest is the runtime, code and native
        // memory): what the GC had committed, or before its first collection what had been allocated.
        using (new Timer(_ => Interlocked.Exchange(ref committed, Math.Max(Interlocked.Read(ref committed), ManagedHeapBytes())), null, 0, 50))
        {
            var report = await services.GetRequiredService<MailboxSyncRunner>().RunAsync(BenchWorld.DefaultConfiguration(), BenchWorld.Mailbox, null, CancellationToken.None);
            wall.Stop();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var run = new ProductRun(
                Measure.Round(wall.Elapsed.TotalSeconds), Measure.Round((process.TotalProcessorTime - cpu).TotalSeconds),
                Mb(process.PeakWorkingSet64), Mb(Math.Max(Interlocked.Read(ref committed), ManagedHeapBytes())), Mb(GC.GetTotalAllocatedBytes()),
                report.Contacts.Writes + report.Events.Writes,
                report.Contacts.Errors.Concat(report.Events.Errors).Take(5).Select(e => $"{e.Code}: {e.Message}").ToList(),
                Measure.Calls(services.GetRequiredService<RemoteCallCounter>(), batches));
            Console.Out.WriteLine(JsonSerializer.Serialize(run, Json));
        }

        return 0;
    }

    private static long ManagedHeapBytes() => Math.Max(GC.GetGCMemoryInfo().TotalCommittedBytes, GC.GetTotalMemory(forceFullCollection: false));

    private static double Mb(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);
}
