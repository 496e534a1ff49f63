using System.Collections.Concurrent;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// Graph allows 4 concurrent requests per app per mailbox; more answer 429 (MailboxConcurrency).
/// One gate per lane (Graph host, app and mailbox: <see cref="GraphHttp"/>), shared by every connector in
/// the process, with the lane's Retry-After waits (<see cref="Waits"/>): a throttled mailbox is throttled
/// for every caller using the same app.
/// </summary>
public sealed class MailboxConcurrencyLimiter(int maxConcurrent)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.OrdinalIgnoreCase);

    public static MailboxConcurrencyLimiter Shared { get; } = new(4);

    public int MaxConcurrent { get; } = maxConcurrent;

    public Http.RetryAfterGate Waits { get; } = new();

    public async Task<IDisposable> EnterAsync(string lane, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(lane, _ => new SemaphoreSlim(MaxConcurrent, MaxConcurrent));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
