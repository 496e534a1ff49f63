using OutlookCrm.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace OutlookCrm.Reliability.Tests.Faults;

/// <summary>
/// Issue 10, faults: the same syncs — a first sync, then one after edits, deletes and additions on
/// both sides — with one remote call in ten failing (throttling with a wait, outages, expired tokens,
/// reset connections) end in the same state as fault-free ones, and no call came back before the wait a
/// throttled system asked for.
/// </summary>
public sealed class FaultedSyncTests(ITestOutputHelper output)
{
    private const int MaxPasses = 15;

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task Syncs_with_one_call_in_ten_failing_end_as_fault_free_ones_without_an_early_retry(Backend backend)
    {
        var seed = new SeedData();
        EndState cleanFirst, cleanSecond;
        await using (var clean = await ReliabilityWorld.StartAsync(backend))
        {
            seed.ApplyTo(clean);
            Assert.Equal(["pass 1: clean"], await SyncPasses.UntilCleanAsync(clean, MaxPasses));
            cleanFirst = EndState.Capture(clean);
            seed.ChangeBothSides(clean);
            Assert.Equal(["pass 1: clean"], await SyncPasses.UntilCleanAsync(clean, MaxPasses));
            cleanSecond = EndState.Capture(clean);
        }

        await using var world = await ReliabilityWorld.StartAsync(backend);
        seed.ApplyTo(world);
        foreach (var remote in world.Remotes)
        {
            remote.Admin.Faults.Add([FaultPlan.For(remote)]);
        }

        var passes = (await SyncPasses.UntilCleanAsync(world, MaxPasses)).ToList();
        var first = EndState.Capture(world);
        seed.ChangeBothSides(world);
        passes.AddRange(await SyncPasses.UntilCleanAsync(world, MaxPasses));
        var injected = world.Remotes.SelectMany(r => r.Admin.Faults.Injected).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        foreach (var remote in world.Remotes)
        {
            remote.Admin.Faults.Clear();
        }

        var second = EndState.Capture(world);
        output.WriteLine($"passes: {string.Join(" / ", passes)}");
        output.WriteLine($"injected: {string.Join(", ", injected.Select(kv => $"{kv.Key} x{kv.Value}"))}");
        Assert.Empty(first.Duplicates);
        first.AssertSameContentAs(cleanFirst);
        Assert.Empty(second.Duplicates);
        second.AssertSameContentAs(cleanSecond);
        Assert.All(world.Remotes, r => Assert.Empty(r.Admin.Throttling.Violations));
        Assert.All(FaultPlan.KindsFor(world.ExchangeFront), kind => Assert.True(injected.GetValueOrDefault(kind) > 0,
            $"no '{kind}' was injected ({string.Join(", ", injected)}); passes: {string.Join(" / ", passes)}"));
    }
}
