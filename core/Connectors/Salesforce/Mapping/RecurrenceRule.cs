using System.Globalization;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Salesforce.Mapping;

/// <summary>
/// <see cref="Recurrence"/> ↔ the RFC 5545 RRULE that Lightning recurring events keep in
/// <c>Recurrence2PatternText</c>. The series start is the event's own start, so no DTSTART.
/// </summary>
internal static class RecurrenceRule
{
    private static readonly string[] Days = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    public static string Format(Recurrence r)
    {
        var parts = new List<string>
        {
            "FREQ=" + r.Type switch
            {
                RecurrenceType.Daily => "DAILY",
                RecurrenceType.Weekly => "WEEKLY",
                RecurrenceType.AbsoluteMonthly or RecurrenceType.RelativeMonthly => "MONTHLY",
                _ => "YEARLY",
            },
            $"INTERVAL={Math.Max(1, r.Interval)}",
        };
        if (r.Type is RecurrenceType.AbsoluteYearly or RecurrenceType.RelativeYearly && r.Month is { } month)
        {
            parts.Add($"BYMONTH={month}");
        }

        if (r.Type is RecurrenceType.AbsoluteMonthly or RecurrenceType.AbsoluteYearly && r.DayOfMonth is { } day)
        {
            parts.Add($"BYMONTHDAY={day}");
        }

        if (r.Type is RecurrenceType.Weekly or RecurrenceType.RelativeMonthly or RecurrenceType.RelativeYearly && r.DaysOfWeek.Count > 0)
        {
            parts.Add("BYDAY=" + string.Join(",", r.DaysOfWeek.Select(d => Days[(int)d])));
        }

        if (r.Type is RecurrenceType.RelativeMonthly or RecurrenceType.RelativeYearly && r.Index is { } index)
        {
            parts.Add($"BYSETPOS={(index == WeekIndex.Last ? -1 : (int)index + 1)}");
        }

        if (r.NumberOfOccurrences is { } count)
        {
            parts.Add($"COUNT={count}");
        }
        else if (r.EndDate is { } end)
        {
            parts.Add($"UNTIL={end.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}T235959Z");
        }

        if (r.Type == RecurrenceType.Weekly)
        {
            parts.Add("WKST=" + Days[(int)r.FirstDayOfWeek]);
        }

        return "RRULE:" + string.Join(";", parts);
    }

    /// <summary>Null for no or unreadable text: an unknown rule must not become a wrong one.</summary>
    public static Recurrence? Parse(string? text, DateOnly seriesStart)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var rule = text.Trim();
        rule = rule.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? rule[6..] : rule;
        var map = rule.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].ToUpperInvariant(), p => p[1].ToUpperInvariant());
        var days = map.TryGetValue("BYDAY", out var byDay)
            ? byDay.Split(',').Select(d => Array.IndexOf(Days, d.Length > 2 ? d[^2..] : d)).Where(i => i >= 0).Select(i => (DayOfWeek)i).ToList()
            : [];
        var setPos = Int(map, "BYSETPOS");
        var relative = setPos is not null && days.Count > 0;
        RecurrenceType? type = map.GetValueOrDefault("FREQ") switch
        {
            "DAILY" => RecurrenceType.Daily,
            "WEEKLY" => RecurrenceType.Weekly,
            "MONTHLY" => relative ? RecurrenceType.RelativeMonthly : RecurrenceType.AbsoluteMonthly,
            "YEARLY" => relative ? RecurrenceType.RelativeYearly : RecurrenceType.AbsoluteYearly,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        return new Recurrence
        {
            Type = type.Value,
            Interval = Int(map, "INTERVAL") ?? 1,
            DaysOfWeek = days,
            DayOfMonth = Int(map, "BYMONTHDAY"),
            Month = Int(map, "BYMONTH"),
            Index = setPos switch { null => null, -1 => WeekIndex.Last, var p and >= 1 and <= 4 => (WeekIndex)(p - 1), _ => null },
            FirstDayOfWeek = map.TryGetValue("WKST", out var wkst) && Array.IndexOf(Days, wkst) is var w and >= 0 ? (DayOfWeek)w : DayOfWeek.Sunday,
            StartDate = seriesStart,
            NumberOfOccurrences = Int(map, "COUNT"),
            EndDate = map.TryGetValue("UNTIL", out var until) && until.Length >= 8
                && DateOnly.TryParseExact(until[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) ? end : null,
        };
    }

    private static int? Int(Dictionary<string, string> map, string key) =>
        map.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
