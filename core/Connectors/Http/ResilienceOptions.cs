namespace OutlookCrm.Core.Connectors.Http;

/// <summary>Bounds for the outbound resilience pipeline; bound from <c>Http:Resilience</c>.</summary>
public sealed class ResilienceOptions
{
    public int MaxRetryAttempts { get; set; } = 4;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(400);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The longest <c>Retry-After</c> waited in-line. A longer one is handed back to the caller, so
    /// the scheduler can park the mailbox instead of holding a worker slot for minutes.
    /// </summary>
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
