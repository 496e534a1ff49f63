using OutlookCrm.Reliability.Tests.Support;

namespace OutlookCrm.Reliability.Tests.Crashes;

/// <summary>Starts the worker against a world, kills it at kill points, and runs it again until a run succeeds.</summary>
public static class WorkerChain
{
    private const int MaxRuns = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Starts a worker with the next kill point armed; when the chosen call is held the worker dies by
    /// SIGKILL and the next one starts. Ends when a worker gets through on its own (true) or after
    /// <paramref name="maxKills"/> kills (false). Returns the points that killed.
    /// </summary>
    public static async Task<(IReadOnlyList<KillPoint> Killed, bool Finished)> KillUntilARunGetsThroughAsync(
        ReliabilityWorld world, KillPoints points, int maxKills)
    {
        var killed = new List<KillPoint>();
        while (killed.Count < maxKills)
        {
            var point = points.Next(world);
            var faults = point.RemoteIn(world).Admin.Faults;
            faults.Add([point.Rule()]);
            using var worker = WorkerProcess.StartOnce(world.WorkerEnvironment);
            using var timeout = new CancellationTokenSource(Patience);
            var held = faults.WaitForHoldAsync(timeout.Token);
            if (await Task.WhenAny(held, worker.ExitedAsync) == held)
            {
                Assert.True(held.IsCompletedSuccessfully, $"The worker neither reached {point} nor ended: {worker.Output}");
                await worker.KillAsync();
                await UntilAsync(() => faults.Holding == 0, "the emulator never saw the killed worker go away");
                faults.Clear();
                killed.Add(point);
                continue;
            }

            faults.Clear();
            if (worker.ExitCode == 0)
            {
                return (killed, true);
            }

            // Only a lease the killed worker held, not yet lapsed, may turn it away.
            Assert.Contains("Skipped", worker.Output, StringComparison.Ordinal);
        }

        return (killed, false);
    }

    /// <summary>Starts <c>--once</c> until it exits 0 (a killed worker's lease lapses first); the number of runs it took.</summary>
    public static async Task<int> RunUntilSuccessAsync(ReliabilityWorld world)
    {
        var outputs = new List<string>();
        for (var run = 1; run <= MaxRuns; run++)
        {
            var (exit, printed) = await WorkerProcess.RunOnceAsync(world.WorkerEnvironment);
            if (exit == 0)
            {
                return run;
            }

            outputs.Add(printed);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        Assert.Fail($"No successful run in {MaxRuns}: {string.Join(Environment.NewLine, outputs)}");
        return MaxRuns;
    }

    /// <summary>A bounded wait for something the emulators notice asynchronously (not a timing assertion).</summary>
    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), failure);
    }
}
