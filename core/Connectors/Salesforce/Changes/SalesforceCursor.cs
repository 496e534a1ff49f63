using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OutlookCrm.Core.Connectors.Salesforce.Changes;

/// <summary>
/// The change token of one sObject for one mailbox, in one of two states:
/// <list type="bullet">
/// <item>Between runs, <c>since|{unsettled read}|{seen}|{deleted}|{read at seen}</c>: records stamped
/// (SystemModstamp) in or after the second <see cref="Seen"/> are changes, except those already read in
/// that second as they still are (<see cref="ReadAtSeen"/>: id and <see cref="Fingerprint"/>), so an edit
/// made in the same second as the last read is not lost; <see cref="UnsettledReadAt"/> is the earliest read
/// whose still-open transactions have not been looked for again (a transaction open when we read
/// commits its records with an earlier stamp); <see cref="DeletedFrom"/> starts the next
/// <c>/deleted/</c> window. A plain ISO instant (the cursor of earlier versions) means all three are
/// that instant, with nothing read at it.</item>
/// <item>During a full scan, <c>fullscan|{scan start}|{last id}</c>, so a crash in the middle resumes
/// after the last id instead of starting over.</item>
/// </list>
/// </summary>
public sealed record SalesforceCursor
{
    private const string FullScanPrefix = "fullscan|";
    private const string SincePrefix = "since|";

    public DateTimeOffset Seen { get; init; }
    public DateTimeOffset UnsettledReadAt { get; init; }
    public DateTimeOffset DeletedFrom { get; init; }
    public bool InFullScan { get; init; }

    /// <summary>The records read in the second <see cref="Seen"/>: id → <see cref="Fingerprint"/> of what was read.</summary>
    public IReadOnlyDictionary<string, string> ReadAtSeen { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public string? FullScanAfterId { get; init; }

    /// <summary>The start of a full scan in progress (<see cref="InFullScan"/>).</summary>
    public DateTimeOffset ScanStart => Seen;

    public static SalesforceCursor Since(
        DateTimeOffset unsettledReadAt, DateTimeOffset seen, DateTimeOffset deletedFrom, IReadOnlyDictionary<string, string>? readAtSeen = null) =>
        new()
        {
            UnsettledReadAt = Truncate(unsettledReadAt), Seen = Truncate(seen), DeletedFrom = Truncate(deletedFrom),
            ReadAtSeen = readAtSeen ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };

    /// <summary>
    /// What a record was when read: its stamp and last modifier. Salesforce may store stamps to the
    /// second, so a second edit in the same second is told apart by who made it.
    /// </summary>
    public static string Fingerprint(string? systemModstamp, string? lastModifiedById) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{systemModstamp}|{lastModifiedById}")), 0, 5);

    public static SalesforceCursor FullScan(DateTimeOffset scanStart, string? afterId) =>
        new() { Seen = Truncate(scanStart), UnsettledReadAt = Truncate(scanStart), DeletedFrom = Truncate(scanStart), InFullScan = true, FullScanAfterId = afterId };

    public static bool TryParse(string? text, out SalesforceCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Split('|');
        if (text.StartsWith(FullScanPrefix, StringComparison.Ordinal))
        {
            if (parts.Length == 3 && ParseInstant(parts[1]) is { } scanStart)
            {
                cursor = FullScan(scanStart, parts[2].Length > 0 ? parts[2] : null);
            }
        }
        else if (text.StartsWith(SincePrefix, StringComparison.Ordinal))
        {
            if (parts.Length is 4 or 5 && ParseInstant(parts[1]) is { } unsettled && ParseInstant(parts[2]) is { } seen && ParseInstant(parts[3]) is { } deleted
                && ParseReadAtSeen(parts.Length == 5 ? parts[4] : "") is { } readAtSeen)
            {
                cursor = Since(unsettled, seen, deleted, readAtSeen);
            }
        }
        else if (ParseInstant(text) is { } instant)
        {
            cursor = Since(instant, instant, instant);
        }

        return cursor is not null;
    }

    public override string ToString() => InFullScan
        ? $"{FullScanPrefix}{Format(ScanStart)}|{FullScanAfterId}"
        : $"{SincePrefix}{Format(UnsettledReadAt)}|{Format(Seen)}|{Format(DeletedFrom)}|{string.Join(',', ReadAtSeen.Select(r => $"{r.Key}:{r.Value}"))}";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>SOQL and the replication API take seconds; anything finer would be lost between runs anyway.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static Dictionary<string, string>? ParseReadAtSeen(string text)
    {
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == entry.Length - 1)
            {
                return null;
            }

            read[entry[..colon]] = entry[(colon + 1)..];
        }

        return read;
    }

    private static DateTimeOffset? ParseInstant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? Truncate(value) : null;
}
