namespace OutlookCrm.Core.Domain;

/// <summary>
/// The dates a recurrence pattern produces, in the series' own calendar. Neither Graph v1.0 nor
/// Salesforce lists a series' deleted occurrences; comparing what they list with these dates is
/// how a deleted occurrence shows up at all.
/// </summary>
internal static class RecurrenceExpander
{
    private const int MaxOccurrences = 5000;

    /// <summary>Occurrence dates from the series start up to and including <paramref name="until"/>.</summary>
    public static IEnumerable<DateOnly> Dates(Recurrence recurrence, DateOnly until)
    {
        var last = recurrence.EndDate is { } end && end < until ? end : until;
        var produced = 0;
        foreach (var date in Candidates(recurrence, last))
        {
            if (date < recurrence.StartDate)
            {
                continue;
            }

            if (date > last || produced >= MaxOccurrences || (recurrence.NumberOfOccurrences is { } count && produced >= count))
            {
                yield break;
            }

            produced++;
            yield return date;
        }
    }

    private static IEnumerable<DateOnly> Candidates(Recurrence r, DateOnly last)
    {
        var interval = Math.Max(1, r.Interval);
        var start = r.StartDate;
        for (var step = 0; ; step++)
        {
            var dates = r.Type switch
            {
                RecurrenceType.Daily => [start.AddDays(step * interval)],
                RecurrenceType.Weekly => Week(WeekStart(start, r.FirstDayOfWeek).AddDays(7 * step * interval), r),
                RecurrenceType.AbsoluteMonthly => [DayIn(Month(start, step * interval), r.DayOfMonth ?? start.Day)],
                RecurrenceType.RelativeMonthly => Relative(Month(start, step * interval), r),
                RecurrenceType.AbsoluteYearly => [DayIn(new DateOnly(start.Year + step * interval, r.Month ?? start.Month, 1), r.DayOfMonth ?? start.Day)],
                RecurrenceType.RelativeYearly => Relative(new DateOnly(start.Year + step * interval, r.Month ?? start.Month, 1), r),
                _ => Array.Empty<DateOnly>(),
            };
            foreach (var date in dates)
            {
                yield return date;
            }

            // Every pattern moves forward by at least a day per step, so this ends.
            if (dates.Length > 0 && dates.Min() > last || step > MaxOccurrences * 7)
            {
                yield break;
            }
        }
    }

    private static DateOnly WeekStart(DateOnly date, DayOfWeek firstDay) => date.AddDays(-(((int)date.DayOfWeek - (int)firstDay + 7) % 7));

    private static DateOnly[] Week(DateOnly weekStart, Recurrence r)
    {
        var days = r.DaysOfWeek.Count > 0 ? r.DaysOfWeek : [r.StartDate.DayOfWeek];
        return Enumerable.Range(0, 7).Select(weekStart.AddDays).Where(d => days.Contains(d.DayOfWeek)).ToArray();
    }

    private static DateOnly Month(DateOnly start, int months) => new DateOnly(start.Year, start.Month, 1).AddMonths(months);

    // "Day 31 of every month" falls on the last day of shorter months, as in Outlook.
    private static DateOnly DayIn(DateOnly firstOfMonth, int day) =>
        firstOfMonth.AddDays(Math.Min(day, DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month)) - 1);

    private static DateOnly[] Relative(DateOnly firstOfMonth, Recurrence r)
    {
        var days = r.DaysOfWeek.Count > 0 ? r.DaysOfWeek : [r.StartDate.DayOfWeek];
        var matching = Enumerable.Range(0, DateTime.DaysInMonth(firstOfMonth.Year, firstOfMonth.Month))
            .Select(firstOfMonth.AddDays)
            .Where(d => days.Contains(d.DayOfWeek))
            .ToList();
        var index = r.Index ?? WeekIndex.First;
        if (index == WeekIndex.Last)
        {
            return [matching[^1]];
        }

        return (int)index < matching.Count ? [matching[(int)index]] : [];
    }
}
