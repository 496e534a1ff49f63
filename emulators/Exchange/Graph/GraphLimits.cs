using System.Collections.Concurrent;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>
/// Graph's Outlook limits per mailbox: at most <see cref="ConcurrentRequests"/> requests in flight
/// (more → 429 ApplicationThrottled, MailboxConcurrency) and <see cref="RequestsPerWindow"/> per
/// <see cref="Window"/>. Counted from classification, so injected latency counts as "in flight".
/// </summary>
public sealed class GraphLimits
{
    private readonly ConcurrentDictionary<string, int> inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> windows = new(StringComparer.OrdinalIgnoreCase);

    public int ConcurrentRequests { get; set; } = 4;
    public int RequestsPerWindow { get; set; } = 10_000;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Counts a request in; returns the limit it breaks, or null.</summary>
    public string? Enter(string key)
    {
        var concurrent = inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
        var now = DateTimeOffset.UtcNow;
        var window = windows.AddOrUpdate(key, (now, 1), (_, w) => now - w.Start >= Window ? (now, 1) : (w.Start, w.Count + 1));
        return concurrent > ConcurrentRequests ? "MailboxConcurrency"
            : window.Count > RequestsPerWindow ? "ApplicationRequestLimit"
            : null;
    }

    public void Leave(string key) => inFlight.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));

    public void Reset()
    {
        inFlight.Clear();
        windows.Clear();
        ConcurrentRequests = 4;
        RequestsPerWindow = 10_000;
        Window = TimeSpan.FromMinutes(10);
        RetryAfterSeconds = 1;
    }
}
