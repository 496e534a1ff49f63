using System.Diagnostics;

namespace OutlookCrm.Bench.ScaleOut;

/// <summary>
/// How much CPU this process gets when it asks for every core: one thread per core spins for a moment and the
/// process's CPU time over that moment is divided by it. On a machine shared with other jobs this is far below
/// the core count, and it is the budget the workers, the emulators and (on the same machine) PostgreSQL share.
/// </summary>
internal static class CpuProbe
{
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
