namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>
/// Resolves the Windows zone names Exchange uses (and IANA names). The runtime runs with invariant
/// globalization, which has no Windows→IANA table, so the common zones are listed here.
/// </summary>
public static class TimeZones
{
    private static readonly Dictionary<string, string> WindowsToIana = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = "UTC",
        ["Coordinated Universal Time"] = "UTC",
        ["GMT Standard Time"] = "Europe/London",
        ["Greenwich Standard Time"] = "Atlantic/Reykjavik",
        ["W. Europe Standard Time"] = "Europe/Berlin",
        ["Romance Standard Time"] = "Europe/Paris",
        ["Central Europe Standard Time"] = "Europe/Budapest",
        ["Central European Standard Time"] = "Europe/Warsaw",
        ["E. Europe Standard Time"] = "Europe/Chisinau",
        ["FLE Standard Time"] = "Europe/Kiev",
        ["GTB Standard Time"] = "Europe/Bucharest",
        ["Russian Standard Time"] = "Europe/Moscow",
        ["Eastern Standard Time"] = "America/New_York",
        ["Central Standard Time"] = "America/Chicago",
        ["Mountain Standard Time"] = "America/Denver",
        ["US Mountain Standard Time"] = "America/Phoenix",
        ["Pacific Standard Time"] = "America/Los_Angeles",
        ["Alaskan Standard Time"] = "America/Anchorage",
        ["Hawaiian Standard Time"] = "Pacific/Honolulu",
        ["Atlantic Standard Time"] = "America/Halifax",
        ["E. South America Standard Time"] = "America/Sao_Paulo",
        ["India Standard Time"] = "Asia/Kolkata",
        ["China Standard Time"] = "Asia/Shanghai",
        ["Tokyo Standard Time"] = "Asia/Tokyo",
        ["Singapore Standard Time"] = "Asia/Singapore",
        ["Arabian Standard Time"] = "Asia/Dubai",
        ["AUS Eastern Standard Time"] = "Australia/Sydney",
        ["New Zealand Standard Time"] = "Pacific/Auckland",
        ["South Africa Standard Time"] = "Africa/Johannesburg",
    };

    public static bool TryFind(string? name, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var iana = WindowsToIana.GetValueOrDefault(name, name);
        if (iana is "UTC" or "Etc/UTC")
        {
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(iana);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static TimeZoneInfo FindOrUtc(string? name) => TryFind(name, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone == TimeZoneInfo.Utc)
        {
            return DateTime.SpecifyKind(unspecified, DateTimeKind.Utc);
        }

        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static DateTime FromUtc(DateTime utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);
}
