using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Reliability.Tests.Support;

namespace OutlookCrm.Reliability.Tests.Crashes;

/// <summary>
/// Where a worker dies: when call <see cref="Call"/> (counted from its start) reaches the remote
/// system at <see cref="RemoteIndex"/> of <see cref="ReliabilityWorld.Remotes"/> — held as it arrives
/// (<see cref="HoldPoint.Request"/>: it never takes effect) or once handled (<see cref="HoldPoint.Response"/>:
/// done, but the worker never hears so).
/// </summary>
public sealed record KillPoint(int RemoteIndex, int Call, HoldPoint Hold, string Operation)
{
    public override string ToString() => $"remote {RemoteIndex} call {Call} ({Operation}, held at the {Hold.ToString().ToLowerInvariant()})";

    /// <summary>Writes by the emulators' operation names (Graph writes travel in <c>$batch</c>).</summary>
    public static bool IsWrite(string operation) =>
        operation == "graph.batch" || new[] { "create", "update", "delete", "upsert", "patch" }.Any(w => operation.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>The rule that holds the call.</summary>
    public FaultRule Rule() => new() { Skip = Call - 1, Hold = Hold, Name = "kill point" };

    public EmulatorServer RemoteIn(ReliabilityWorld world) => world.Remotes[RemoteIndex];
}

/// <summary>
/// Seeded kill points for one first sync, drawn from the calls of an uninterrupted run of it, three
/// times as likely a write (where a crash can leave one side ahead of the other) as a read. A restarted
/// worker repeats the reads but skips the writes already done, so a later point is drawn among the
/// calls a restart still makes: the uninterrupted run's, less the writes the world has seen applied.
/// </summary>
public sealed class KillPoints(int seed, IReadOnlyList<IReadOnlyList<JournalEntry>> uninterrupted)
{
    private readonly Random random = new(seed);

    public KillPoint Next(ReliabilityWorld world)
    {
        var candidates = uninterrupted.SelectMany((calls, remote) =>
        {
            var applied = world.Remotes[remote].Admin.Journal.Entries.Count(e => IsAppliedWrite(e));
            return calls.Take(Math.Max(1, calls.Count - applied)).Select((call, index) =>
                (Point: new KillPoint(remote, index + 1, HoldPoint.Request, call.Operation), Weight: KillPoint.IsWrite(call.Operation) ? 3 : 1));
        }).ToList();
        var pick = random.Next(candidates.Sum(c => c.Weight));
        var chosen = candidates.First(c => (pick -= c.Weight) < 0).Point;
        return chosen with { Hold = random.Next(2) == 0 ? HoldPoint.Request : HoldPoint.Response };
    }

    private static bool IsAppliedWrite(JournalEntry entry) => KillPoint.IsWrite(entry.Operation) && entry.Status is >= 200 and < 300;
}
