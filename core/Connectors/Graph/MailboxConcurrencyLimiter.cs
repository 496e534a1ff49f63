using System.Collections.Concurrent;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// Graph allows 4 concurrent requests per app per mailbox; more answer 429 (MailboxConcurrency).
/// One gate per mailbox, shared by every connector in the process that uses the same app, with the
/// mailbox's Retry-After waits (<see cref="Waits"/>): a throttled mailbox is throttled for every caller.
/// </summary>
public sealed class MailboxConcurrencyLimiter(int maxConcurrent)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.OrdinalIgnoreCase);

    public static MailboxConcurrencyLimiter Shared { get; } = new(4);

    public int MaxConcurrent { get; } = maxConcurrent;

    public Http.RetryAfterGate Waits { get; } = new();

    public async Task<IDisposable> EnterAsync(string mailbox, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(mailbox, _ => new SemaphoreSlim(MaxConcurrent, MaxConcurrent));
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
