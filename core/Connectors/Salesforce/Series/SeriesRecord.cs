using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;

namespace OutlookCrm.Core.Connectors.Salesforce.Series;

/// <summary>
/// One occurrence Event of a Lightning event series (<c>IsRecurrence2</c>), as far as the series
/// needs it. <see cref="Stamp"/> is the external-id field: the Exchange id on the occurrence that
/// stands for the series (the sync's anchor), <c>{id}#{original start}</c> on an occurrence the sync
/// moved, because Salesforce keeps no original start for an exception.
/// </summary>
internal sealed record SeriesRecord(
    string Id, string Modstamp, DateTimeOffset Start, DateTimeOffset End, bool IsException, DateTimeOffset PatternStart,
    string? PatternText, string? ZoneKey, string? Stamp, string? Subject, string? Location, JsonElement Raw)
{
    private const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static SeriesRecord? From(JsonElement r, string? externalIdField)
    {
        if (!r.Bool("IsRecurrence2") || r.Instant("Recurrence2PatternStartDate") is not { } patternStart)
        {
            return null;
        }

        var start = r.Instant("StartDateTime") ?? patternStart;
        return new SeriesRecord(
            r.Str("Id")!, r.Str("SystemModstamp") ?? "", start, r.Instant("EndDateTime") ?? start, r.Bool("IsRecurrence2Exception"), patternStart,
            r.Str("Recurrence2PatternText"), r.Str("Recurrence2PatternTimeZone"), externalIdField is null ? null : r.Str(externalIdField),
            r.Str("Subject"), r.Str("Location"), r);
    }

    /// <summary>Which series the occurrence belongs to, as far as its fields tell (see <see cref="SeriesKey"/>).</summary>
    public SeriesKey Key => new(PatternStart, PatternText, ZoneKey);

    /// <summary>The occurrence's original start as the sync stamped it, or null.</summary>
    public DateTimeOffset? StampedOriginal =>
        Stamp is { } stamp && stamp.LastIndexOf('#') is var at and > 0
        && DateTime.TryParseExact(stamp[(at + 1)..], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var original)
            ? new DateTimeOffset(original, TimeSpan.Zero)
            : null;

    /// <summary>Stamped with a plain Exchange id: the occurrence the sync created the series as.</summary>
    public bool IsStampedAnchor => Stamp is { Length: > 0 } stamp && !stamp.Contains('#', StringComparison.Ordinal);

    public static string StampFor(string seriesPartnerId, DateTimeOffset originalStart) =>
        $"{seriesPartnerId}#{originalStart.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The version of a whole series: its anchor's SystemModstamp plus a digest of every other
    /// occurrence's, so moving or deleting one occurrence is a change of the series item.
    /// </summary>
    public static string SeriesVersion(SeriesRecord anchor, IEnumerable<SeriesRecord> records)
    {
        var others = records.Where(r => r.Id != anchor.Id).OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => $"{r.Id}:{r.Modstamp}");
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("|", others))))[..12];
        return $"{anchor.Modstamp}#{digest}";
    }
}

/// <summary>
/// What the occurrences of one Lightning series share, within one owner: Event has no series id (its
/// documented fields name none; <c>ActivityRecurrence2Id</c> appears only in Change Data Capture), so
/// the pattern's start, RRULE and time zone together stand for it. Two series of one owner that agree
/// on all three are still taken for one.
/// </summary>
internal readonly record struct SeriesKey(DateTimeOffset PatternStart, string? PatternText, string? ZoneKey)
{
    public static SeriesKey? Of(JsonElement record) =>
        record.Instant("Recurrence2PatternStartDate") is { } start
            ? new SeriesKey(start, record.Str("Recurrence2PatternText"), record.Str("Recurrence2PatternTimeZone"))
            : null;
}
