using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>
/// EWS <c>t:Recurrence</c> ↔ <see cref="Recurrence"/>: a pattern element (DailyRecurrence,
/// WeeklyRecurrence, Absolute/RelativeMonthly, Absolute/RelativeYearly) and a range element
/// (NoEndRecurrence, EndDateRecurrence, NumberedRecurrence). Regenerating (task) patterns are not calendar patterns: null.
/// </summary>
public static class RecurrenceXml
{
    private static readonly XNamespace T = EwsXml.T;

    public static Recurrence? Read(XElement? recurrence)
    {
        var pattern = recurrence?.Elements().FirstOrDefault(e => e.Name.LocalName.EndsWith("Recurrence", StringComparison.Ordinal) && PatternType(e.Name.LocalName) is not null);
        var range = recurrence?.Elements().FirstOrDefault(e => e.Name.LocalName is "NoEndRecurrence" or "EndDateRecurrence" or "NumberedRecurrence");
        if (pattern is null || range is null)
        {
            return null;
        }

        return new Recurrence
        {
            Type = PatternType(pattern.Name.LocalName)!.Value,
            Interval = int.TryParse(pattern.Element(T + "Interval")?.Value, out var interval) ? interval : 1,
            DaysOfWeek = Days(pattern.Element(T + "DaysOfWeek")?.Value),
            DayOfMonth = int.TryParse(pattern.Element(T + "DayOfMonth")?.Value, out var day) ? day : null,
            Month = pattern.Element(T + "Month")?.Value is { } month ? Array.IndexOf(Months, month.Trim()) + 1 : null,
            Index = Enum.TryParse<WeekIndex>(pattern.Element(T + "DayOfWeekIndex")?.Value, out var index) ? index : null,
            FirstDayOfWeek = Enum.TryParse<DayOfWeek>(pattern.Element(T + "FirstDayOfWeek")?.Value, out var first) ? first : DayOfWeek.Sunday,
            StartDate = EwsTime.ParseDate(range.Element(T + "StartDate")!.Value),
            EndDate = range.Element(T + "EndDate")?.Value is { } end ? EwsTime.ParseDate(end) : null,
            NumberOfOccurrences = int.TryParse(range.Element(T + "NumberOfOccurrences")?.Value, out var count) ? count : null,
        };
    }

    public static XElement Write(Recurrence r)
    {
        var days = r.DaysOfWeek.Count == 0 ? null : new XElement(T + "DaysOfWeek", string.Join(' ', r.DaysOfWeek));
        var index = new XElement(T + "DayOfWeekIndex", (r.Index ?? WeekIndex.First).ToString());
        var month = new XElement(T + "Month", Months[Math.Clamp(r.Month ?? 1, 1, 12) - 1]);
        var interval = new XElement(T + "Interval", Math.Max(1, r.Interval));
        var dayOfMonth = new XElement(T + "DayOfMonth", r.DayOfMonth ?? 1);

        // Child order follows each pattern type's schema sequence.
        var pattern = r.Type switch
        {
            RecurrenceType.Daily => new XElement(T + "DailyRecurrence", interval),
            RecurrenceType.Weekly => new XElement(T + "WeeklyRecurrence", interval, days, new XElement(T + "FirstDayOfWeek", r.FirstDayOfWeek.ToString())),
            RecurrenceType.AbsoluteMonthly => new XElement(T + "AbsoluteMonthlyRecurrence", interval, dayOfMonth),
            RecurrenceType.RelativeMonthly => new XElement(T + "RelativeMonthlyRecurrence", interval, OneDay(r.DaysOfWeek), index),
            RecurrenceType.AbsoluteYearly => new XElement(T + "AbsoluteYearlyRecurrence", dayOfMonth, month),
            _ => new XElement(T + "RelativeYearlyRecurrence", OneDay(r.DaysOfWeek), index, month),
        };
        var start = new XElement(T + "StartDate", EwsTime.FormatDate(r.StartDate));
        var range = r switch
        {
            { EndDate: { } end } => new XElement(T + "EndDateRecurrence", start, new XElement(T + "EndDate", EwsTime.FormatDate(end))),
            { NumberOfOccurrences: { } n } => new XElement(T + "NumberedRecurrence", start, new XElement(T + "NumberOfOccurrences", n)),
            _ => new XElement(T + "NoEndRecurrence", start),
        };
        return new XElement(T + "Recurrence", pattern, range);
    }

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static RecurrenceType? PatternType(string name) => name switch
    {
        "DailyRecurrence" => RecurrenceType.Daily,
        "WeeklyRecurrence" => RecurrenceType.Weekly,
        "AbsoluteMonthlyRecurrence" => RecurrenceType.AbsoluteMonthly,
        "RelativeMonthlyRecurrence" => RecurrenceType.RelativeMonthly,
        "AbsoluteYearlyRecurrence" => RecurrenceType.AbsoluteYearly,
        "RelativeYearlyRecurrence" => RecurrenceType.RelativeYearly,
        _ => null,
    };

    /// <summary>
    /// Relative patterns take one DayOfWeekType, not a list: a set of days is only expressible as the
    /// groups Day, Weekday or WeekendDay; anything else keeps its first day.
    /// </summary>
    private static XElement OneDay(IReadOnlyList<DayOfWeek> days)
    {
        var set = days.ToHashSet();
        var value = set.Count switch
        {
            7 => "Day",
            5 when !set.Contains(DayOfWeek.Saturday) && !set.Contains(DayOfWeek.Sunday) => "Weekday",
            2 when set.SetEquals([DayOfWeek.Saturday, DayOfWeek.Sunday]) => "WeekendDay",
            0 => nameof(DayOfWeek.Monday),
            _ => days[0].ToString(),
        };
        return new XElement(T + "DaysOfWeek", value);
    }

    /// <summary>A space-separated DaysOfWeek list; EWS also allows the groups Day, Weekday and WeekendDay.</summary>
    private static IReadOnlyList<DayOfWeek> Days(string? value) =>
        (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(d => d switch
        {
            "Day" => Enum.GetValues<DayOfWeek>(),
            "Weekday" => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            "WeekendDay" => [DayOfWeek.Saturday, DayOfWeek.Sunday],
            _ => Enum.TryParse<DayOfWeek>(d, out var day) ? [day] : Array.Empty<DayOfWeek>(),
        }).Distinct().ToList();
}
