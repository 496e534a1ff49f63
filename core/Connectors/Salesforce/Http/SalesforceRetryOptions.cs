namespace OutlookCrm.Core.Connectors.Salesforce.Http;

/// <summary>
/// Bounds for the connector's own retries of <c>UNABLE_TO_LOCK_ROW</c> (a record lock; Salesforce
/// rolled the call back) and of 503 on calls the shared pipeline does not retry (non-idempotent ones).
/// </summary>
public sealed record SalesforceRetryOptions
{
    public int MaxRetries { get; init; } = 3;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Exponential backoff with full ±50% jitter, so parallel workers don't retry in step.</summary>
    public TimeSpan DelayFor(int retry)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, retry);
        var jittered = exponential * (0.5 + Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }
}
