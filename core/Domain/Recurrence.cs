namespace OutlookCrm.Core.Domain;

/// <summary>
/// A recurrence pattern and range in the shape Exchange and Graph share (and that maps to an
/// RFC 5545 RRULE for Salesforce's <c>Recurrence2PatternText</c>).
/// </summary>
public sealed record Recurrence
{
    public RecurrenceType Type { get; init; }
    public int Interval { get; init; } = 1;

    /// <summary>Weekly and relative patterns.</summary>
    public IReadOnlyList<DayOfWeek> DaysOfWeek { get; init; } = [];

    /// <summary>Absolute monthly/yearly patterns: 1..31.</summary>
    public int? DayOfMonth { get; init; }

    /// <summary>Yearly patterns: 1..12.</summary>
    public int? Month { get; init; }

    /// <summary>Relative patterns: which week of the month.</summary>
    public WeekIndex? Index { get; init; }
    public DayOfWeek FirstDayOfWeek { get; init; } = DayOfWeek.Sunday;
    public DateOnly StartDate { get; init; }

    /// <summary>Null with no <see cref="NumberOfOccurrences"/> means no end.</summary>
    public DateOnly? EndDate { get; init; }
    public int? NumberOfOccurrences { get; init; }
}

public enum RecurrenceType { Daily, Weekly, AbsoluteMonthly, RelativeMonthly, AbsoluteYearly, RelativeYearly }

public enum WeekIndex { First, Second, Third, Fourth, Last }
