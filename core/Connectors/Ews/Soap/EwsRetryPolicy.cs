namespace OutlookCrm.Core.Connectors.Ews.Soap;

/// <summary>
/// How long to wait after ErrorServerBusy. Exchange's <c>BackOffMilliseconds</c> is honoured in full
/// (never less); without it we back off exponentially with jitter. A wait above
/// <see cref="MaxInlineWait"/> is not slept: it goes back to the caller, so the scheduler can park
/// the mailbox instead of holding a worker slot for minutes.
/// </summary>
public sealed class EwsRetryPolicy
{
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxInlineWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The sleep; tests replace it to record waits instead of spending them.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = (wait, ct) => Task.Delay(wait, ct);

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/>+1 (1-based), or null when the caller
    /// should give up: attempts spent, or a back-off longer than we wait in-line.
    /// </summary>
    public TimeSpan? WaitBeforeRetry(int attempt, TimeSpan? serverBackOff)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        var wait = serverBackOff ?? Exponential(attempt);
        return wait > MaxInlineWait ? null : wait;
    }

    /// <summary>base·2^(n-1) plus up to one base of jitter, so parallel workers do not retry in lockstep.</summary>
    private TimeSpan Exponential(int attempt)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var jitter = Random.Shared.NextDouble() * BaseDelay.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(exponential + jitter);
    }
}
