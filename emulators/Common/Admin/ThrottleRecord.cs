using System.Collections.Concurrent;

namespace OutlookCrm.Emulators.Common.Admin;

/// <summary>
/// dev-proxy's check that the client honoured a throttling answer: after the emulator asked a key
/// (mailbox, org) to wait, any call for that key arriving before the wait ended is recorded.
/// </summary>
/// <remarks>
/// Calls arriving within <see cref="InFlight"/> of the throttling answer are not counted: a client
/// running requests in parallel (four <c>$batch</c> calls a mailbox) has some on their way before the
/// answer reaches it, and those are not early retries. Every wait asked of the clients is at least a
/// second, so a retry made sooner than asked is still caught.
/// </remarks>
public sealed class ThrottleRecord
{
    public static readonly TimeSpan InFlight = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, (DateTimeOffset From, DateTimeOffset Until)> waits = new();
    private readonly ConcurrentQueue<RetryViolation> violations = new();

    public void AskedToWait(string key, DateTimeOffset until)
    {
        var from = DateTimeOffset.UtcNow + InFlight;
        waits.AddOrUpdate(key, (from, until), (_, existing) =>
            existing.Until > from ? (existing.From, existing.Until > until ? existing.Until : until) : (from, until));
    }

    public void Check(string key, string operation, DateTimeOffset now)
    {
        if (waits.TryGetValue(key, out var wait) && wait.From <= now && now < wait.Until)
        {
            violations.Enqueue(new RetryViolation(key, operation, now, wait.Until));
        }
    }

    public IReadOnlyList<RetryViolation> Violations => violations.ToArray();

    public void Clear()
    {
        waits.Clear();
        violations.Clear();
    }
}

public sealed record RetryViolation(string Key, string Operation, DateTimeOffset At, DateTimeOffset NotBefore);
