using System.Collections.Concurrent;

namespace OutlookCrm.Emulators.Common.Admin;

/// <summary>
/// dev-proxy's check that the client honoured a throttling answer: after the emulator asked a key
/// (mailbox, org) to wait, any call for that key arriving before the wait ended is recorded.
/// </summary>
public sealed class ThrottleRecord
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> notBefore = new();
    private readonly ConcurrentQueue<RetryViolation> violations = new();

    public void AskedToWait(string key, DateTimeOffset until) =>
        notBefore.AddOrUpdate(key, until, (_, existing) => existing > until ? existing : until);

    public void Check(string key, string operation, DateTimeOffset now)
    {
        if (notBefore.TryGetValue(key, out var until) && now < until)
        {
            violations.Enqueue(new RetryViolation(key, operation, now, until));
        }
    }

    public IReadOnlyList<RetryViolation> Violations => violations.ToArray();

    public void Clear()
    {
        notBefore.Clear();
        violations.Clear();
    }
}

public sealed record RetryViolation(string Key, string Operation, DateTimeOffset At, DateTimeOffset NotBefore);
