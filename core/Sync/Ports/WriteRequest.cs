namespace OutlookCrm.Core.Sync.Ports;

public enum WriteKind { Create, Update, Delete }

/// <summary>
/// One write. <see cref="Key"/> matches the outcome to the request. A create carries the partner's
/// id in <see cref="Body"/> (<c>PartnerId</c>) so a retried create after a crash can be recognised.
/// <see cref="ExpectedVersion"/> lets a side detect that the item changed since it was read
/// (EWS ChangeKey) and report a conflict instead of overwriting.
/// </summary>
public sealed record WriteRequest<T>(string Key, WriteKind Kind, string? Id, string? ExpectedVersion, T? Body) where T : class;

/// <summary>The result of one write: the id and new version on success, or the remote system's own error.</summary>
public sealed record WriteOutcome(string Key, string? Id, string? Version, WriteError? Error)
{
    public bool Succeeded => Error is null;

    public static WriteOutcome Success(string key, string id, string version) => new(key, id, version, null);

    public static WriteOutcome Failure(string key, WriteError error) => new(key, null, null, error);
}

/// <summary>
/// A failed item: <see cref="Code"/> is the vendor's code (EWS ResponseCode, Graph error code,
/// Salesforce errorCode). <see cref="Kind"/> tells the engine what to do with it.
/// </summary>
public sealed record WriteError(string Code, string Message, WriteErrorKind Kind, TimeSpan? RetryAfter = null);

public enum WriteErrorKind
{
    /// <summary>Bad data for this item (invalid email, too long): keep it, retry next run, park after 3.</summary>
    Item,

    /// <summary>The item is gone on that side (ErrorItemNotFound, ENTITY_IS_DELETED).</summary>
    NotFound,

    /// <summary>The item changed since it was read (stale ChangeKey): re-read and decide again.</summary>
    Conflict,

    /// <summary>Throttled or unavailable after in-line retries: stop the run, resume after <see cref="WriteError.RetryAfter"/>.</summary>
    Transient,
}
