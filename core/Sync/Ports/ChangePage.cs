namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// One page of changes. <see cref="Changed"/> holds ids and opaque versions (EWS ChangeKey, Graph
/// changeKey, Salesforce SystemModstamp) and, where the protocol returned it anyway (Graph delta),
/// the body, so the engine doesn't read it again.
/// </summary>
public sealed record ChangePage<T>(
    IReadOnlyList<ChangedItem<T>> Changed,
    IReadOnlyList<string> Deleted,
    string Cursor,
    bool IsFullScan,
    bool IsLast) where T : class
{
    /// <summary>Set when a full scan replaced an expired cursor; the sync report says so.</summary>
    public string? FullScanReason { get; init; }
}

public sealed record ChangedItem<T>(string Id, string Version, T? Body) where T : class
{
    /// <summary>
    /// The side can tell that the item's last change was made by the sync's own account (Salesforce
    /// <c>LastModifiedById</c>). When the sync wrote the item without learning its version, that
    /// change is the write read back, however the side's mapping rendered the content.
    /// </summary>
    public bool BySync { get; init; }
}

public sealed record Versioned<T>(string Id, string Version, T Body) where T : class;
