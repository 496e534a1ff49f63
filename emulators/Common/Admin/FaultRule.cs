namespace OutlookCrm.Emulators.Common.Admin;

/// <summary>
/// "The next <see cref="Count"/> calls matching <see cref="Operation"/> (or <see cref="PathPrefix"/>)
/// fail like this": an HTTP status with the vendor's own error <see cref="Code"/> (rendered by the
/// emulator's error factory), a connection reset, or a delay. <see cref="RetryAfterSeconds"/> and
/// <see cref="BackOffMilliseconds"/> are also recorded so an early retry is caught.
/// </summary>
public sealed class FaultRule
{
    public string? Operation { get; set; }
    public string? PathPrefix { get; set; }
    public int Count { get; set; } = 1;
    public int Status { get; set; } = 503;
    public string? Code { get; set; }
    public string? Message { get; set; }
    public int? RetryAfterSeconds { get; set; }
    public int? BackOffMilliseconds { get; set; }
    public bool ConnectionReset { get; set; }
    public int DelayMs { get; set; }

    /// <summary>Fails every matching call at this probability (0..1) instead of the next <see cref="Count"/>; seeded by the emulator.</summary>
    public double? Probability { get; set; }

    internal bool Matches(string operation, string path) =>
        (Operation is null || string.Equals(Operation, operation, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase));
}
