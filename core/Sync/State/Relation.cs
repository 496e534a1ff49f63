namespace OutlookCrm.Core.Sync.State;

/// <summary>
/// A pair of items known to be the same thing: ids and versions on both sides as of the last sync,
/// and the hash of the mapped content they then shared. A null version means "not known" (a side
/// that doesn't return versions from writes): the next change is judged by content.
/// </summary>
public sealed record Relation(string CrmId, string? CrmVersion, string ExchangeId, string? ExchangeVersion, string ContentHash)
{
    /// <summary>Hash of the people last linked on the CRM side (event attendees); null when none were, or not all went through.</summary>
    public string? LinksHash { get; init; }

    /// <summary>The CRM side's own record of the links it made for this pair (<see cref="Ports.LinkOutcome.State"/>).</summary>
    public string? LinkState { get; init; }

    /// <summary>
    /// Two items a run matched whose first write did not go through: remembered, so no later run takes
    /// either for a new item (the change cursors have moved past both, so matching would not find them
    /// again), with no versions and no content hash, so each counts as changed until a write succeeds.
    /// </summary>
    public static Relation Matched(string crmId, string exchangeId) => new(crmId, null, exchangeId, null, ContentHash: "");

    /// <summary>Whether the pair was matched but never brought in step (<see cref="Matched"/>).</summary>
    public bool IsPending => string.IsNullOrEmpty(ContentHash);

    public string IdOn(Side side) => side == Side.Crm ? CrmId : ExchangeId;

    public string? VersionOn(Side side) => side == Side.Crm ? CrmVersion : ExchangeVersion;

    /// <summary>
    /// Whether an item reported at <paramref name="version"/> is still as the last sync left it on
    /// <paramref name="side"/>: its version is the stored one, or the sync wrote it without learning
    /// its version (Salesforce save results carry none) and the side says nobody else changed it since
    /// (<paramref name="bySync"/>): the write read back, however the side's mapping rendered the content.
    /// </summary>
    public bool IsAtSyncedVersion(Side side, string? version, bool bySync) => !IsPending &&
        ((version is not null && version == VersionOn(side)) || (string.IsNullOrEmpty(VersionOn(side)) && bySync));
}

/// <summary>A failed item, kept with the remote system's own code. Parked as unresolved after <see cref="ItemErrorPolicy.MaxAttempts"/> failed runs.</summary>
public sealed record ItemError(Side SourceSide, string ItemId, string Code, string Message, int Attempts, bool Unresolved);

public static class ItemErrorPolicy
{
    /// <summary>Failed runs after which an item is parked as unresolved until either side changes it.</summary>
    public const int MaxAttempts = 3;
}
