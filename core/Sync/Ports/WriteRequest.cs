namespace OutlookCrm.Core.Sync.Ports;

public enum WriteKind { Create, Update, Delete }

/// <summary>
/// One write. <see cref="Key"/> matches the outcome to the request. A create carries the partner's
/// id in <see cref="Body"/> (<c>PartnerId</c>) so a retried create after a crash can be recognised.
/// <see cref="ExpectedVersion"/> lets a side detect that the item changed since it was read
/// (EWS ChangeKey) and report a conflict instead of overwriting.
/// </summary>
public sealed record WriteRequest<T>(string Key, WriteKind Kind, string? Id, string? ExpectedVersion, T? Body) where T : class
{
    /// <summary>
    /// Set on writes to the CRM side of an item that came from Exchange: the people it names, which
    /// the CRM keeps as links of its own (event attendees become EventRelations), never as content.
    /// </summary>
    public ItemLinks? Links { get; init; }
}

/// <summary>
/// <see cref="People"/>: normalised email addresses (the mailbox owner included; the side leaves it out).
/// <see cref="State"/>: what the side returned last time for this pair (<see cref="LinkOutcome.State"/>), null the first time.
/// </summary>
public sealed record ItemLinks(IReadOnlyList<string> People, string? State);

/// <summary>
/// What became of a write's links: <see cref="State"/> is the side's own record of the links it made
/// (stored with the pair and handed back next time, so it only ever removes links it made itself);
/// <see cref="Complete"/> is false when some could not be written, so the engine applies them again later.
/// </summary>
public sealed record LinkOutcome(string? State, bool Complete);

/// <summary>The result of one write: the id and new version on success, or the remote system's own error.</summary>
public sealed record WriteOutcome(string Key, string? Id, string? Version, WriteError? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>Set by a side that keeps links (see <see cref="WriteRequest{T}.Links"/>); null from sides that ignore them.</summary>
    public LinkOutcome? Links { get; init; }

    /// <summary>What the side could not hold of this item (an attendee who matches nobody, an occurrence it cannot move): named in the run report, not an error.</summary>
    public IReadOnlyList<string> Losses { get; init; } = [];

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
