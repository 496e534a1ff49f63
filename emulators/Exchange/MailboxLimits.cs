using System.Collections.Concurrent;

namespace OutlookCrm.Emulators.Exchange;

/// <summary>
/// Per-mailbox limits a front enforces itself: at most <see cref="ConcurrentRequests"/> requests in
/// flight and <see cref="RequestsPerWindow"/> per <see cref="Window"/> (Graph: 4 and 10,000 / 10 min →
/// 429; EWS: ~27 concurrent → ErrorServerBusy). Counted from classification, so injected latency
/// counts as "in flight".
/// </summary>
public sealed class MailboxLimits(int concurrentRequests, int requestsPerWindow, TimeSpan window)
{
    private readonly (int Concurrent, int PerWindow, TimeSpan Window) defaults = (concurrentRequests, requestsPerWindow, window);
    private readonly ConcurrentDictionary<string, int> inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> windows = new(StringComparer.OrdinalIgnoreCase);

    public int ConcurrentRequests { get; set; } = concurrentRequests;
    public int RequestsPerWindow { get; set; } = requestsPerWindow;
    public TimeSpan Window { get; set; } = window;


    /// <summary>How long a throttled caller is told to wait (Retry-After, BackOffMilliseconds).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Counts a request in; returns the limit it breaks, or null.</summary>
    public string? Enter(string key)
    {
        var concurrent = inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
        var now = DateTimeOffset.UtcNow;
        var window = windows.AddOrUpdate(key, (now, 1), (_, w) => now - w.Start >= Window ? (now, 1) : (w.Start, w.Count + 1));
        return concurrent > ConcurrentRequests ? "Concurrency"
            : window.Count > RequestsPerWindow ? "RequestRate"
            : null;
    }

    public void Leave(string key) => inFlight.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));

    public void Reset()
    {
        inFlight.Clear();
        windows.Clear();
        (ConcurrentRequests, RequestsPerWindow, Window) = defaults;
        RetryAfterSeconds = 1;
    }
}
