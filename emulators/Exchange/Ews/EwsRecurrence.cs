using System.Globalization;
using System.Xml.Linq;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>EWS RecurrenceType (one pattern element + one range element) ↔ <see cref="Recurrence"/>.</summary>
internal static class EwsRecurrence
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static XElement Write(Recurrence r)
    {
        var interval = new XElement(T + "Interval", r.Interval);
        var days = new XElement(T + "DaysOfWeek", string.Join(' ', r.DaysOfWeek.Select(d => d.ToString())));
        var index = new XElement(T + "DayOfWeekIndex", r.Index.ToString());
        var month = new XElement(T + "Month", Months[Math.Clamp(r.Month, 1, 12) - 1]);
        var dayOfMonth = new XElement(T + "DayOfMonth", r.DayOfMonth);
        var pattern = r.Type switch
        {
            PatternType.Daily => new XElement(T + "DailyRecurrence", interval),
            PatternType.Weekly => new XElement(T + "WeeklyRecurrence", interval, days, new XElement(T + "FirstDayOfWeek", r.FirstDayOfWeek.ToString())),
            PatternType.AbsoluteMonthly => new XElement(T + "AbsoluteMonthlyRecurrence", interval, dayOfMonth),
            PatternType.RelativeMonthly => new XElement(T + "RelativeMonthlyRecurrence", interval, days, index),
            PatternType.AbsoluteYearly => new XElement(T + "AbsoluteYearlyRecurrence", dayOfMonth, month),
            _ => new XElement(T + "RelativeYearlyRecurrence", days, index, month),
        };
        var start = new XElement(T + "StartDate", r.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var range = r.RangeType switch
        {
            RangeType.EndDate => new XElement(T + "EndDateRecurrence", start,
                new XElement(T + "EndDate", (r.EndDate ?? r.StartDate).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            RangeType.Numbered => new XElement(T + "NumberedRecurrence", start, new XElement(T + "NumberOfOccurrences", r.NumberOfOccurrences)),
            _ => new XElement(T + "NoEndRecurrence", start),
        };
        return new XElement(T + "Recurrence", pattern, range);
    }

    public static Recurrence? Read(XElement recurrence, string zone, out EwsError? error)
    {
        error = null;
        var elements = recurrence.Elements().ToList();
        if (elements.Count != 2)
        {
            error = EwsError.Schema("Recurrence needs one pattern and one range.");
            return null;
        }

        var (p, range) = (elements[0], elements[1]);
        PatternType? type = p.Name.LocalName switch
        {
            "DailyRecurrence" => PatternType.Daily,
            "WeeklyRecurrence" => PatternType.Weekly,
            "AbsoluteMonthlyRecurrence" => PatternType.AbsoluteMonthly,
            "RelativeMonthlyRecurrence" => PatternType.RelativeMonthly,
            "AbsoluteYearlyRecurrence" => PatternType.AbsoluteYearly,
            "RelativeYearlyRecurrence" => PatternType.RelativeYearly,
            _ => null,
        };
        RangeType? rangeType = range.Name.LocalName switch
        {
            "NoEndRecurrence" => RangeType.NoEnd,
            "EndDateRecurrence" => RangeType.EndDate,
            "NumberedRecurrence" => RangeType.Numbered,
            _ => null,
        };
        if (type is null || rangeType is null || !TryDate(range.Element(T + "StartDate")?.Value, out var startDate))
        {
            error = EwsError.Schema("The recurrence pattern or range is not valid.");
            return null;
        }

        DateOnly? endDate = TryDate(range.Element(T + "EndDate")?.Value, out var end) ? end : null;
        var days = (p.Element(T + "DaysOfWeek")?.Value ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Names.Parse(d, DayOfWeek.Monday)).ToList();
        var monthName = p.Element(T + "Month")?.Value;
        return new Recurrence
        {
            Type = type.Value,
            Interval = int.TryParse(p.Element(T + "Interval")?.Value, out var i) && i > 0 ? i : 1,
            DaysOfWeek = [.. days],
            DayOfMonth = int.TryParse(p.Element(T + "DayOfMonth")?.Value, out var dom) ? dom : 0,
            Month = monthName is null ? 0 : Array.IndexOf(Months, monthName) + 1,
            Index = Names.Parse(p.Element(T + "DayOfWeekIndex")?.Value, WeekIndex.First),
            FirstDayOfWeek = Names.Parse(p.Element(T + "FirstDayOfWeek")?.Value, DayOfWeek.Sunday),
            RangeType = rangeType.Value,
            StartDate = startDate,
            EndDate = endDate,
            NumberOfOccurrences = int.TryParse(range.Element(T + "NumberOfOccurrences")?.Value, out var n) ? n : 0,
            RecurrenceTimeZone = zone,
        };
    }

    /// <summary>xs:date, possibly with a zone suffix (<c>2026-03-16Z</c>, <c>2026-03-16+01:00</c>).</summary>
    private static bool TryDate(string? text, out DateOnly date)
    {
        date = default;
        return text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
