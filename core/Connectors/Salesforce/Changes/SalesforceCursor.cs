using System.Globalization;

namespace OutlookCrm.Core.Connectors.Salesforce.Changes;

/// <summary>
/// The change token of one sObject for one mailbox. Normally the end of the last window read, as an
/// ISO instant (<c>2026-11-20T10:00:00Z</c>). During a full scan it is <c>fullscan|{scan start}|{last id}</c>,
/// so a crash mid-scan resumes after the last id instead of starting over; the scan's last page
/// hands back the scan start as a plain instant.
/// </summary>
public sealed record SalesforceCursor(DateTimeOffset Instant, string? FullScanAfterId = null, bool InFullScan = false)
{
    private const string FullScanPrefix = "fullscan|";

    public static bool TryParse(string? text, out SalesforceCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (text.StartsWith(FullScanPrefix, StringComparison.Ordinal))
        {
            var parts = text[FullScanPrefix.Length..].Split('|');
            if (parts.Length == 2 && ParseInstant(parts[0]) is { } scanStart)
            {
                cursor = new SalesforceCursor(scanStart, parts[1].Length > 0 ? parts[1] : null, InFullScan: true);
                return true;
            }

            return false;
        }

        cursor = ParseInstant(text) is { } instant ? new SalesforceCursor(instant) : null;
        return cursor is not null;
    }

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string FormatFullScan(DateTimeOffset scanStart, string? afterId) => $"{FullScanPrefix}{Format(scanStart)}|{afterId}";

    /// <summary>The API takes seconds; anything finer would be lost between runs anyway.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static DateTimeOffset? ParseInstant(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? Truncate(value) : null;
}
