using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;

namespace OutlookCrm.Core.Connectors.Salesforce.Changes;

/// <summary>
/// The records a read met in the newest stamp second, so the next read can ask for that second again
/// (<c>SystemModstamp &gt;= seen</c>) without reporting them twice: an edit saved later in the same
/// second still arrives, and a record already reported as it is does not come back as a change.
/// </summary>
internal sealed class NewestSecondReads
{
    private readonly DateTimeOffset skipSecond;
    private readonly IReadOnlyDictionary<string, string> skip;
    private readonly bool followNewest;

    /// <param name="followNewest">
    /// Incremental reads move <see cref="Seen"/> to the newest stamp they meet; a full scan keeps its start,
    /// since it may have passed a record before its next edit.
    /// </param>
    public NewestSecondReads(DateTimeOffset seen, IReadOnlyDictionary<string, string> alreadyRead, bool followNewest)
    {
        skipSecond = seen;
        skip = alreadyRead;
        this.followNewest = followNewest;
        Seen = seen;
        ReadAtSeen = new Dictionary<string, string>(alreadyRead, StringComparer.Ordinal);
    }

    public DateTimeOffset Seen { get; private set; }

    public Dictionary<string, string> ReadAtSeen { get; }

    /// <summary>False for a record the previous read reported in the same state; otherwise remembers it if it is in the newest second.</summary>
    public bool IsNew(JsonElement record)
    {
        var id = record.Str("Id");
        var stamp = record.Str("SystemModstamp");
        if (id is null || RecordFields.ParseInstant(stamp) is not { } stamped)
        {
            return true;
        }

        var second = SalesforceCursor.Truncate(stamped);
        if (second < skipSecond)
        {
            return true; // the look-back's older records: never skipped, never the newest second
        }

        var fingerprint = SalesforceCursor.Fingerprint(stamp, record.Str("LastModifiedById"));
        if (second == skipSecond && skip.TryGetValue(id, out var read) && read == fingerprint)
        {
            return false;
        }

        if (second > Seen && followNewest)
        {
            Seen = second;
            ReadAtSeen.Clear();
        }

        if (second == Seen)
        {
            ReadAtSeen[id] = fingerprint;
        }

        return true;
    }
}
