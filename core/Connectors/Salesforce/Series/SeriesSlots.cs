using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Salesforce.Series;

/// <summary>
/// Where a Lightning event series places its occurrences: the pattern's dates in the series' time
/// zone (<c>Recurrence2PatternTimeZone</c>) at the local time of its first occurrence, so a weekly
/// 09:00 stays 09:00 across a DST change, as Salesforce makes them.
/// </summary>
internal static class SeriesSlots
{
    /// <summary>Start instants from <paramref name="first"/> up to and including <paramref name="until"/>, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Of(Recurrence recurrence, DateTimeOffset first, string? zoneKey, DateTimeOffset until, int max = 1000)
    {
        var zone = Zone(zoneKey);
        var localFirst = TimeZoneInfo.ConvertTime(first, zone);
        var pattern = recurrence with { StartDate = DateOnly.FromDateTime(localFirst.DateTime) };
        var lastDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(until, zone).DateTime);
        var time = TimeOnly.FromTimeSpan(localFirst.TimeOfDay);
        return RecurrenceExpander.Dates(pattern, lastDate)
            .Select(date => ToUtc(date.ToDateTime(time), zone))
            .Where(slot => slot <= until)
            .Take(max)
            .ToList();
    }

    /// <summary>
    /// The Salesforce time zone key (an IANA id) for an event's zone as Exchange names it (Windows or
    /// IANA id); GMT when there is none or it is unknown, so the pattern never falls back to the
    /// integration user's own zone.
    /// </summary>
    public static string ZoneKey(string? zone)
    {
        // Invariant globalization cannot convert Windows ids; the EWS connector's table can.
        if (zone is not null && Ews.Mapping.WindowsZones.ToIana(zone) is { } iana)
        {
            return iana;
        }

        return zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId ? found.Id : "GMT";
    }

    public static TimeZoneInfo Zone(string? key) =>
        key is not null && TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>A local time in a DST gap does not exist; the clock jumps, so the occurrence moves with it.</summary>
    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
