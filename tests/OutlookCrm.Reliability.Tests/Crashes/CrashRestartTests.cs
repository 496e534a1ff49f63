using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace OutlookCrm.Reliability.Tests.Crashes;

/// <summary>
/// Issue 10, crashes: the real <c>sync-worker --once</c> process, killed with SIGKILL at seeded points of
/// a first sync — while a chosen call is held at the emulator, so the point is exact — and started again,
/// killed again, until a run gets through, ends with the same records on both sides as an uninterrupted
/// sync of the same data: no duplicate, nothing lost.
/// </summary>
public sealed class CrashRestartTests(ITestOutputHelper output)
{
    private const int KillsPerBackend = 10;
    private const int MaxKillsPerChain = 6;
    private const int MaxChains = 6;

    [Theory]
    [InlineData(Backend.Graph, 1001)]
    [InlineData(Backend.Ews, 2002)]
    public async Task A_first_sync_killed_at_seeded_points_and_restarted_ends_as_an_uninterrupted_one(Backend backend, int seed)
    {
        var data = new SeedData();
        EndState expected;
        IReadOnlyList<IReadOnlyList<JournalEntry>> calls;
        await using (var reference = await ReliabilityWorld.StartAsync(backend))
        {
            data.ApplyTo(reference);
            Assert.Equal(["pass 1: clean"], await SyncPasses.UntilCleanAsync(reference, maxPasses: 1));
            expected = EndState.Capture(reference);
            calls = reference.Remotes.Select(r => (IReadOnlyList<JournalEntry>)r.Admin.Journal.Entries).ToList();
        }

        var points = new KillPoints(seed, calls);
        var killed = new List<KillPoint>();
        for (var chain = 0; chain < MaxChains && killed.Count < KillsPerBackend; chain++)
        {
            await using var world = await ReliabilityWorld.StartAsync(backend);
            data.ApplyTo(world);
            var (chainKills, finished) = await WorkerChain.KillUntilARunGetsThroughAsync(world, points, MaxKillsPerChain);
            var extraRuns = finished ? 0 : await WorkerChain.RunUntilSuccessAsync(world);
            killed.AddRange(chainKills);
            output.WriteLine($"chain {chain}: killed at {string.Join("; ", chainKills)}; {(finished ? "then a run got through" : $"then {extraRuns} run(s) to success")}");

            var state = EndState.Capture(world);
            Assert.Empty(state.Duplicates);
            state.AssertSameContentAs(expected);
        }

        Assert.True(killed.Count >= KillsPerBackend, $"only {killed.Count} kills happened");
        Assert.Contains(killed, k => k.Hold == HoldPoint.Response && KillPoint.IsWrite(k.Operation)); // a write done but never acknowledged
    }
}
