namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>One instance of the calendar as CalendarView shows it: a single event, an occurrence or an exception.</summary>
public sealed record EventInstance(EventItem Source, DateTime StartUtc, DateTime EndUtc, DateTime? OriginalStartUtc, OccurrenceException? Exception, int InstanceIndex)
{
    public bool IsOccurrence => OriginalStartUtc is not null;
}

/// <summary>Expands a recurring master into occurrences in the series' own time zone (so 09:00 stays 09:00 across DST).</summary>
public static class RecurrenceExpander
{
    private const int MaxOccurrences = 5000;

    /// <summary>Original starts (UTC) of every occurrence of the series, in order, capped.</summary>
    public static IEnumerable<DateTime> OriginalStarts(EventItem master, DateTime? untilUtc = null)
    {
        if (master.Recurrence is not { } r)
        {
            yield break;
        }

        var zone = TimeZones.FindOrUtc(r.RecurrenceTimeZone ?? master.StartTimeZone);
        var localStart = TimeZones.FromUtc(master.StartUtc, zone);
        var time = localStart.TimeOfDay;
        var count = 0;
        foreach (var date in Dates(r, DateOnly.FromDateTime(localStart)))
        {
            if (r.RangeType == RangeType.EndDate && r.EndDate is { } end && date > end)
            {
                yield break;
            }

            if (r.RangeType == RangeType.Numbered && count >= r.NumberOfOccurrences)
            {
                yield break;
            }

            var utc = TimeZones.ToUtc(date.ToDateTime(TimeOnly.FromTimeSpan(time)), zone);
            if (untilUtc is { } until && utc > until)
            {
                yield break;
            }

            count++;
            yield return utc;
            if (count >= MaxOccurrences)
            {
                yield break;
            }
        }
    }

    /// <summary>Instances of one item overlapping [fromUtc, toUtc): the event itself, or a master's occurrences and exceptions (cancelled ones left out).</summary>
    public static IEnumerable<EventInstance> Instances(EventItem item, DateTime fromUtc, DateTime toUtc)
    {
        if (item.Recurrence is null)
        {
            if (Overlaps(item.StartUtc, item.EndUtc, fromUtc, toUtc))
            {
                yield return new EventInstance(item, item.StartUtc, item.EndUtc, null, null, 0);
            }

            yield break;
        }

        var duration = item.Duration;
        var index = 0;
        // Exceptions may move an occurrence far from its original slot: look a little beyond the window.
        var horizon = toUtc.AddDays(366);
        foreach (var original in OriginalStarts(item, horizon))
        {
            index++;
            if (item.Exceptions.TryGetValue(original, out var exception))
            {
                if (!exception.Cancelled && Overlaps(exception.StartUtc, exception.EndUtc, fromUtc, toUtc))
                {
                    yield return new EventInstance(item, exception.StartUtc, exception.EndUtc, original, exception, index);
                }

                continue;
            }

            if (original >= toUtc)
            {
                if (original > toUtc.AddDays(1) && item.Exceptions.Keys.All(k => k <= original))
                {
                    yield break;
                }

                continue;
            }

            if (Overlaps(original, original + duration, fromUtc, toUtc))
            {
                yield return new EventInstance(item, original, original + duration, original, null, index);
            }
        }
    }

    /// <summary>The occurrence that started at <paramref name="originalStartUtc"/>, if the series has one.</summary>
    public static EventInstance? Occurrence(EventItem master, DateTime originalStartUtc)
    {
        var index = 0;
        foreach (var original in OriginalStarts(master, originalStartUtc))
        {
            index++;
            if (original == originalStartUtc)
            {
                master.Exceptions.TryGetValue(original, out var exception);
                return exception is { Cancelled: true } ? null
                    : exception is not null ? new EventInstance(master, exception.StartUtc, exception.EndUtc, original, exception, index)
                    : new EventInstance(master, original, original + master.Duration, original, null, index);
            }
        }

        return null;
    }

    /// <summary>The n-th (1-based) occurrence, as EWS's OccurrenceItemId InstanceIndex names it.</summary>
    public static DateTime? NthOriginalStart(EventItem master, int instanceIndex) =>
        instanceIndex < 1 ? null : OriginalStarts(master).Skip(instanceIndex - 1).Select(d => (DateTime?)d).FirstOrDefault();

    private static bool Overlaps(DateTime start, DateTime end, DateTime from, DateTime to) =>
        start < to && (end > from || (end == start && start >= from));

    private static IEnumerable<DateOnly> Dates(Recurrence r, DateOnly seriesStart)
    {
        var interval = Math.Max(1, r.Interval);
        var first = r.StartDate == default ? seriesStart : r.StartDate;
        switch (r.Type)
        {
            case PatternType.Daily:
                for (var d = first; ; d = d.AddDays(interval))
                {
                    yield return d;
                }

            case PatternType.Weekly:
            {
                var days = r.DaysOfWeek.IsDefaultOrEmpty ? [first.DayOfWeek] : r.DaysOfWeek;
                var weekStart = first.AddDays(-(((int)first.DayOfWeek - (int)r.FirstDayOfWeek + 7) % 7));
                for (var week = weekStart; ; week = week.AddDays(7 * interval))
                {
                    for (var i = 0; i < 7; i++)
                    {
                        var d = week.AddDays(i);
                        if (d >= first && days.Contains(d.DayOfWeek))
                        {
                            yield return d;
                        }
                    }
                }
            }

            case PatternType.AbsoluteMonthly or PatternType.RelativeMonthly:
                for (var month = new DateOnly(first.Year, first.Month, 1); ; month = month.AddMonths(interval))
                {
                    if (Pick(r, month) is { } d && d >= first)
                    {
                        yield return d;
                    }
                }

            case PatternType.AbsoluteYearly or PatternType.RelativeYearly:
            {
                var m = r.Month is >= 1 and <= 12 ? r.Month : first.Month;
                for (var year = first.Year; year < 9999; year += interval)
                {
                    if (Pick(r, new DateOnly(year, m, 1)) is { } d && d >= first)
                    {
                        yield return d;
                    }
                }

                yield break;
            }
        }
    }

    private static DateOnly? Pick(Recurrence r, DateOnly month)
    {
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        if (r.Type is PatternType.AbsoluteMonthly or PatternType.AbsoluteYearly)
        {
            return month.AddDays(Math.Min(Math.Max(1, r.DayOfMonth), daysInMonth) - 1);
        }

        var days = r.DaysOfWeek.IsDefaultOrEmpty ? [DayOfWeek.Monday] : r.DaysOfWeek;
        var matching = Enumerable.Range(0, daysInMonth).Select(month.AddDays).Where(d => days.Contains(d.DayOfWeek)).ToList();
        if (matching.Count == 0)
        {
            return null;
        }

        return r.Index == WeekIndex.Last ? matching[^1] : matching.ElementAtOrDefault((int)r.Index);
    }
}
