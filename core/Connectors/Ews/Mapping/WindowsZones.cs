namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>
/// Windows ↔ IANA time-zone ids for the common zones. Exchange speaks Windows ids; Linux knows only
/// IANA ones, and with invariant globalization .NET cannot convert between them (that needs ICU).
/// Each Windows id maps to CLDR's representative zone; extra IANA ids map back to their Windows zone.
/// </summary>
public static class WindowsZones
{
    private static readonly (string Windows, string Iana)[] Primary =
    [
        ("Dateline Standard Time", "Etc/GMT+12"), ("UTC-11", "Etc/GMT+11"), ("Hawaiian Standard Time", "Pacific/Honolulu"),
        ("Alaskan Standard Time", "America/Anchorage"), ("Pacific Standard Time", "America/Los_Angeles"),
        ("US Mountain Standard Time", "America/Phoenix"), ("Mountain Standard Time", "America/Denver"),
        ("Central America Standard Time", "America/Guatemala"), ("Central Standard Time", "America/Chicago"),
        ("Central Standard Time (Mexico)", "America/Mexico_City"), ("Canada Central Standard Time", "America/Regina"),
        ("SA Pacific Standard Time", "America/Bogota"), ("Eastern Standard Time", "America/New_York"),
        ("US Eastern Standard Time", "America/Indiana/Indianapolis"), ("Atlantic Standard Time", "America/Halifax"),
        ("SA Western Standard Time", "America/La_Paz"), ("Pacific SA Standard Time", "America/Santiago"),
        ("Newfoundland Standard Time", "America/St_Johns"), ("E. South America Standard Time", "America/Sao_Paulo"),
        ("Argentina Standard Time", "America/Argentina/Buenos_Aires"), ("SA Eastern Standard Time", "America/Cayenne"),
        ("UTC-02", "Etc/GMT+2"), ("Azores Standard Time", "Atlantic/Azores"), ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
        ("UTC", "Etc/UTC"), ("GMT Standard Time", "Europe/London"), ("Greenwich Standard Time", "Atlantic/Reykjavik"),
        ("W. Europe Standard Time", "Europe/Berlin"), ("Central Europe Standard Time", "Europe/Budapest"),
        ("Romance Standard Time", "Europe/Paris"), ("Central European Standard Time", "Europe/Warsaw"),
        ("W. Central Africa Standard Time", "Africa/Lagos"), ("GTB Standard Time", "Europe/Bucharest"),
        ("E. Europe Standard Time", "Europe/Chisinau"), ("Egypt Standard Time", "Africa/Cairo"),
        ("South Africa Standard Time", "Africa/Johannesburg"), ("FLE Standard Time", "Europe/Kiev"),
        ("Israel Standard Time", "Asia/Jerusalem"), ("Turkey Standard Time", "Europe/Istanbul"),
        ("Arabic Standard Time", "Asia/Baghdad"), ("Arab Standard Time", "Asia/Riyadh"), ("Russian Standard Time", "Europe/Moscow"),
        ("E. Africa Standard Time", "Africa/Nairobi"), ("Iran Standard Time", "Asia/Tehran"), ("Arabian Standard Time", "Asia/Dubai"),
        ("Pakistan Standard Time", "Asia/Karachi"), ("India Standard Time", "Asia/Kolkata"), ("Nepal Standard Time", "Asia/Kathmandu"),
        ("Bangladesh Standard Time", "Asia/Dhaka"), ("SE Asia Standard Time", "Asia/Bangkok"), ("China Standard Time", "Asia/Shanghai"),
        ("Singapore Standard Time", "Asia/Singapore"), ("Taipei Standard Time", "Asia/Taipei"),
        ("W. Australia Standard Time", "Australia/Perth"), ("Tokyo Standard Time", "Asia/Tokyo"), ("Korea Standard Time", "Asia/Seoul"),
        ("Cen. Australia Standard Time", "Australia/Adelaide"), ("AUS Central Standard Time", "Australia/Darwin"),
        ("E. Australia Standard Time", "Australia/Brisbane"), ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("West Pacific Standard Time", "Pacific/Port_Moresby"), ("Tasmania Standard Time", "Australia/Hobart"),
        ("New Zealand Standard Time", "Pacific/Auckland"), ("Tonga Standard Time", "Pacific/Tongatapu"),
    ];

    private static readonly (string Windows, string[] Iana)[] Aliases =
    [
        ("W. Europe Standard Time", ["Europe/Amsterdam", "Europe/Rome", "Europe/Vienna", "Europe/Zurich", "Europe/Stockholm", "Europe/Oslo", "Europe/Luxembourg"]),
        ("Romance Standard Time", ["Europe/Madrid", "Europe/Brussels", "Europe/Copenhagen"]),
        ("Central Europe Standard Time", ["Europe/Prague", "Europe/Bratislava", "Europe/Ljubljana", "Europe/Belgrade"]),
        ("GMT Standard Time", ["Europe/Dublin", "Europe/Lisbon"]),
        ("FLE Standard Time", ["Europe/Kyiv", "Europe/Helsinki", "Europe/Riga", "Europe/Vilnius", "Europe/Tallinn", "Europe/Sofia"]),
        ("GTB Standard Time", ["Europe/Athens"]),
        ("Eastern Standard Time", ["America/Toronto", "America/Detroit", "US/Eastern"]),
        ("Central Standard Time", ["America/Winnipeg", "US/Central"]),
        ("Mountain Standard Time", ["America/Edmonton", "US/Mountain"]),
        ("Pacific Standard Time", ["America/Vancouver", "US/Pacific"]),
        ("India Standard Time", ["Asia/Calcutta"]),
        ("China Standard Time", ["Asia/Hong_Kong"]),
        ("AUS Eastern Standard Time", ["Australia/Melbourne", "Australia/Canberra"]),
        ("UTC", ["UTC", "Etc/GMT", "GMT"]),
    ];

    private static readonly Dictionary<string, string> ToIanaMap =
        Primary.ToDictionary(p => p.Windows, p => p.Iana, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> ToWindowsMap =
        Primary.Select(p => (p.Iana, p.Windows))
            .Concat(Aliases.SelectMany(a => a.Iana.Select(i => (Iana: i, a.Windows))))
            .ToDictionary(p => p.Iana, p => p.Windows, StringComparer.OrdinalIgnoreCase);

    public static string? ToIana(string windowsId) => ToIanaMap.GetValueOrDefault(windowsId);

    public static string? ToWindows(string ianaId) => ToWindowsMap.GetValueOrDefault(ianaId);

    public static bool IsWindowsId(string id) => ToIanaMap.ContainsKey(id);
}
