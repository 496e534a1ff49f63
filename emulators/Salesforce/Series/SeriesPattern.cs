using System.Globalization;

namespace OutlookCrm.Emulators.Salesforce.Series;

/// <summary>
/// The RFC 5545 RRULE subset a Lightning event series takes in <c>Recurrence2PatternText</c>:
/// FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, BYDAY (with an ordinal for monthly/yearly),
/// BYMONTHDAY, BYMONTH, BYSETPOS, COUNT, UNTIL, WKST. Occurrences are expanded in local time of the
/// series' zone, as RFC 5545 does with a DTSTART that has a TZID; dates a rule names but a month
/// lacks (the 31st of April) are skipped, as RFC 5545 says.
/// </summary>
public sealed class SeriesPattern
{
    private static readonly string[] DayNames = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    private SeriesPattern()
    {
    }

    public string Frequency { get; private init; } = "";
    public int Interval { get; private init; } = 1;
    public IReadOnlyList<(int Ordinal, DayOfWeek Day)> ByDay { get; private init; } = [];
    public int? ByMonthDay { get; private init; }
    public int? ByMonth { get; private init; }
    public int? BySetPos { get; private init; }
    public int? Count { get; private init; }
    public DateTime? UntilUtc { get; private init; }
    public DayOfWeek WeekStart { get; private init; } = DayOfWeek.Monday;

    /// <summary>Null when the text is no rule this subset understands (the emulator answers FIELD_INTEGRITY_EXCEPTION).</summary>
    public static SeriesPattern? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var rule = text.Trim();
        rule = rule.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? rule[6..] : rule;
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in rule.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !parts.TryAdd(pair[0].Trim(), pair[1].Trim().ToUpperInvariant()))
            {
                return null;
            }
        }

        if (parts.GetValueOrDefault("FREQ") is not ("DAILY" or "WEEKLY" or "MONTHLY" or "YEARLY") || (parts.ContainsKey("COUNT") && parts.ContainsKey("UNTIL")))
        {
            return null;
        }

        var byDay = new List<(int, DayOfWeek)>();
        foreach (var day in parts.GetValueOrDefault("BYDAY")?.Split(',') ?? [])
        {
            var index = Array.IndexOf(DayNames, day.Length >= 2 ? day[^2..] : day);
            var ordinal = day.Length > 2 ? Int(day[..^2]) : 0;
            if (index < 0 || ordinal is null)
            {
                return null;
            }

            byDay.Add((ordinal.Value, (DayOfWeek)index));
        }

        return new SeriesPattern
        {
            Frequency = parts["FREQ"],
            Interval = Int(parts.GetValueOrDefault("INTERVAL")) is { } interval and > 0 ? interval : 1,
            ByDay = byDay,
            ByMonthDay = Int(parts.GetValueOrDefault("BYMONTHDAY")),
            ByMonth = Int(parts.GetValueOrDefault("BYMONTH")),
            BySetPos = Int(parts.GetValueOrDefault("BYSETPOS")),
            Count = Int(parts.GetValueOrDefault("COUNT")),
            UntilUtc = Until(parts.GetValueOrDefault("UNTIL")),
            WeekStart = parts.TryGetValue("WKST", out var wkst) && Array.IndexOf(DayNames, wkst) is var w and >= 0 ? (DayOfWeek)w : DayOfWeek.Monday,
        };
    }

    /// <summary>Local start times from <paramref name="first"/> (which is the first occurrence) until the rule ends or <paramref name="lastLocal"/>.</summary>
    public IEnumerable<DateTime> Occurrences(DateTime first, DateTime lastLocal, Func<DateTime, DateTime> toUtc, int max)
    {
        var produced = 0;
        for (var period = 0; period < 10_000 && produced < max; period++)
        {
            foreach (var date in Dates(first.Date, period).Order())
            {
                var start = date + first.TimeOfDay;
                if (start < first)
                {
                    continue;
                }

                if (start > lastLocal || (UntilUtc is { } until && toUtc(start) > until) || (Count is { } count && produced >= count) || produced >= max)
                {
                    yield break;
                }

                produced++;
                yield return start;
            }
        }
    }

    private IEnumerable<DateTime> Dates(DateTime start, int period)
    {
        switch (Frequency)
        {
            case "DAILY":
                return [start.AddDays(period * Interval)];
            case "WEEKLY":
                var weekStart = start.AddDays(-(((int)start.DayOfWeek - (int)WeekStart + 7) % 7)).AddDays(7 * period * Interval);
                var days = ByDay.Count > 0 ? ByDay.Select(d => d.Day).ToList() : [start.DayOfWeek];
                return Enumerable.Range(0, 7).Select(i => weekStart.AddDays(i)).Where(d => days.Contains(d.DayOfWeek));
            case "MONTHLY":
                return InMonth(new DateTime(start.Year, start.Month, 1).AddMonths(period * Interval), start);
            default:
                var year = start.Year + period * Interval;
                var month = ByMonth ?? start.Month;
                return month is < 1 or > 12 ? [] : InMonth(new DateTime(year, month, 1), start);
        }
    }

    private IEnumerable<DateTime> InMonth(DateTime firstOfMonth, DateTime start)
    {
        var length = DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month);
        if (ByDay.Count == 0)
        {
            var day = ByMonthDay ?? start.Day;
            return day >= 1 && day <= length ? [firstOfMonth.AddDays(day - 1)] : [];
        }

        var matching = Enumerable.Range(0, length).Select(i => firstOfMonth.AddDays(i)).Where(d => ByDay.Any(b => b.Day == d.DayOfWeek)).ToList();
        var ordinal = BySetPos ?? ByDay[0].Ordinal;
        if (ordinal == 0)
        {
            return matching;
        }

        var index = ordinal > 0 ? ordinal - 1 : matching.Count + ordinal;
        return index >= 0 && index < matching.Count ? [matching[index]] : [];
    }

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTime? Until(string? text) =>
        text is null ? null
        : DateTime.TryParseExact(text, ["yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var until)
            ? (text.Length == 8 ? until.AddDays(1).AddTicks(-1) : until)
            : null;
}
