using System.Collections.Concurrent;

namespace OutlookCrm.Core.Connectors.Http;

/// <summary>
/// A remote system's "wait before calling again" per key (Graph throttles an app per mailbox): once an
/// answer for the key asks for a wait, no request for that key leaves before the wait is over — not
/// only the repeat of the throttled one, but every attempt of every caller. Graph counts any early
/// request against the app, and requests run in parallel (four <c>$batch</c> calls per mailbox).
/// </summary>
public sealed class RetryAfterGate
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> notBefore = new(StringComparer.OrdinalIgnoreCase);

    public void AskedToWait(string key, DateTimeOffset until) =>
        notBefore.AddOrUpdate(key, until, (_, existing) => existing > until ? existing : until);

    /// <summary>Returns once the key may be called again (at once when nothing asked it to wait).</summary>
    public async Task PassAsync(string key, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (notBefore.TryGetValue(key, out var until) && until - clock.GetUtcNow() is var left && left > TimeSpan.Zero)
        {
            await Task.Delay(left, clock, cancellationToken);
        }
    }
}

/// <summary>The gate and key of one request, carried in its options so each attempt of the outbound pipeline passes the gate.</summary>
public sealed record RetryAfterLane(RetryAfterGate Gate, string Key);
