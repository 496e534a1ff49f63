namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>Limits and policies of the Graph connector; defaults follow Graph's documented limits.</summary>
public sealed record GraphConnectorOptions
{
    /// <summary>Outlook resources allow 4 concurrent requests per app per mailbox.</summary>
    public int MaxConcurrentRequestsPerMailbox { get; init; } = 4;

    /// <summary><c>$batch</c> holds at most 20 requests.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary><c>Prefer: odata.maxpagesize</c> for delta and list pages.</summary>
    public int PageSize { get; init; } = 200;

    /// <summary>Rounds of re-sending throttled sub-requests of one <c>$batch</c> before giving up for this run.</summary>
    public int MaxBatchRetries { get; init; } = 4;

    /// <summary>The longest Retry-After waited in-line; a longer one ends the write as transient so the scheduler parks the mailbox.</summary>
    public TimeSpan MaxInlineRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait before re-sending a throttled sub-request that names no Retry-After (doubled each round).</summary>
    public TimeSpan DefaultRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Updating or deleting a meeting that has attendees makes Exchange mail them, so the connector
    /// refuses it unless an admin turned this on.
    /// </summary>
    public bool AllowMeetingChanges { get; init; }
}
