using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Sync;

/// <summary>One object kind of one mailbox to sync: the two sides, the scope and the admin's settings.</summary>
public sealed record SyncJob<T>(
    ObjectKind Kind,
    SyncScope Scope,
    ObjectSyncSettings Settings,
    ISyncSide<T> Crm,
    ISyncSide<T> Exchange) where T : class
{
    public IProgress<SyncProgress>? Progress { get; init; }

    public ISyncSide<T> SideOf(Side side) => side == Side.Crm ? Crm : Exchange;
}

public readonly record struct SyncProgress(int Done, int Total);

/// <summary>
/// A side asked us to wait (throttling that outlasted the in-line retries). The run stopped after
/// saving what it had applied; the scheduler resumes the mailbox after <see cref="RetryAfter"/>.
/// </summary>
public sealed class SyncDeferredException(string code, string message, TimeSpan? retryAfter) : Exception(message)
{
    public string Code { get; } = code;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
