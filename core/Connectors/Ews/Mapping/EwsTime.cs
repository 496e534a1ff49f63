using System.Globalization;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>EWS dates and instants: xs:dateTime in UTC on the wire, xs:date possibly with an offset suffix.</summary>
public static class EwsTime
{
    public static DateTimeOffset ParseInstant(string value) =>
        DateTimeOffset.Parse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    /// <summary>Exchange writes recurrence dates as <c>2026-01-05-08:00</c> or <c>2026-01-05Z</c>: only the date part counts.</summary>
    public static DateOnly ParseDate(string value) =>
        DateOnly.ParseExact(value.Trim()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The zone for a Windows or IANA id, or null when neither this machine nor <see cref="WindowsZones"/> knows it.</summary>
    public static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return WindowsZones.ToIana(id) is { } iana && TimeZoneInfo.TryFindSystemTimeZoneById(iana, out zone) ? zone : null;
    }

    /// <summary>The Windows id Exchange expects in StartTimeZone, or null when <paramref name="id"/> cannot be named so.</summary>
    public static string? WindowsZoneId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (WindowsZones.IsWindowsId(id))
        {
            return id;
        }

        return WindowsZones.ToWindows(id)
            ?? (TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out var windows) ? windows : null)
            ?? (id.Contains('/', StringComparison.Ordinal) ? null : id); // an unlisted Windows id: pass it on as given
    }

    /// <summary>
    /// The calendar date of an all-day event's UTC start (midnight in its own zone). Without the zone,
    /// round to the nearest UTC midnight: right for every offset within ±12 h.
    /// </summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo? zone)
    {
        if (zone is not null)
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        }

        return DateOnly.FromDateTime(instant.UtcDateTime.AddHours(12).Date);
    }

    /// <summary>Midnight of <paramref name="date"/> in <paramref name="zone"/> (UTC without one) as an instant.</summary>
    public static DateTimeOffset Midnight(DateOnly date, TimeZoneInfo? zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return zone is null ? new DateTimeOffset(local, TimeSpan.Zero) : new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
