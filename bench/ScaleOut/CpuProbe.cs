using System.Diagnostics;

namespace OutlookCrm.Bench.ScaleOut;

/// <summary>
/// The CPU side of a fair round. <see cref="CoresAvailable"/>: how much CPU this process gets when it asks for every core: one thread per core spins for a moment and the
/// process's CPU time over that moment is divided by it. On a machine shared with other jobs this is far below
/// the core count, and it is the budget the workers, the emulators and (on the same machine) PostgreSQL share.
/// </summary>
internal static class CpuProbe
{
    /// <summary>
    /// Waits (up to 10 s) until this process is idle (≤ 10 ms of CPU in 250 ms): after a warm-up the runtime goes on
    /// compiling hot methods again in the background (tiered compilation) for a while on loaded cores, and that CPU
    /// belongs to the warm-up, not to the first measured round. Same rule as the emulator scenario's child.
    /// </summary>
    public static async Task SettleAsync(CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < 40; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            await Task.Delay(250, cancellationToken);
            process.Refresh();
            if (process.TotalProcessorTime - before <= TimeSpan.FromMilliseconds(10))
            {
                return;
            }
        }
    }

    public static double CoresAvailable(TimeSpan duration)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            while (wall.Elapsed < duration)
            {
                Thread.SpinWait(1_000);
            }
        })).ToList();
        spinners.ForEach(t => t.Start());
        spinners.ForEach(t => t.Join());
        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
    }
}
