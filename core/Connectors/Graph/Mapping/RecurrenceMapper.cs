using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph.Dtos;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Graph.Mapping;

/// <summary>Graph's patternedRecurrence ↔ <see cref="Recurrence"/>; both use Exchange's model, so the mapping is one to one.</summary>
internal static class RecurrenceMapper
{
    public static Recurrence? ToDomain(PatternedRecurrenceDto? dto)
    {
        if (dto?.Pattern is not { Type: { } type } pattern || !TryType(type, out var kind))
        {
            return null;
        }

        var range = dto.Range;
        var numbered = string.Equals(range?.Type, "numbered", StringComparison.OrdinalIgnoreCase);
        var endDated = string.Equals(range?.Type, "endDate", StringComparison.OrdinalIgnoreCase);
        return new Recurrence
        {
            Type = kind,
            Interval = Math.Max(1, pattern.Interval ?? 1),
            DaysOfWeek = (pattern.DaysOfWeek ?? []).Select(Day).ToList(),
            DayOfMonth = pattern.DayOfMonth is > 0 ? pattern.DayOfMonth : null,
            Month = pattern.Month is > 0 ? pattern.Month : null,
            Index = kind is RecurrenceType.RelativeMonthly or RecurrenceType.RelativeYearly ? Index(pattern.Index) : null,
            FirstDayOfWeek = pattern.FirstDayOfWeek is { } first ? Day(first) : DayOfWeek.Sunday,
            StartDate = Date(range?.StartDate) ?? default,
            EndDate = endDated ? Date(range?.EndDate) : null,
            NumberOfOccurrences = numbered && range?.NumberOfOccurrences is > 0 ? range.NumberOfOccurrences : null,
        };
    }

    public static JsonObject ToJson(Recurrence recurrence, string? timeZone)
    {
        var pattern = new JsonObject
        {
            ["type"] = Camel(recurrence.Type.ToString()),
            ["interval"] = recurrence.Interval,
            ["firstDayOfWeek"] = recurrence.FirstDayOfWeek.ToString().ToLowerInvariant(),
        };
        if (recurrence.DaysOfWeek.Count > 0)
        {
            pattern["daysOfWeek"] = new JsonArray(recurrence.DaysOfWeek.Select(d => (JsonNode?)d.ToString().ToLowerInvariant()).ToArray());
        }

        if (recurrence.DayOfMonth is { } day)
        {
            pattern["dayOfMonth"] = day;
        }

        if (recurrence.Month is { } month)
        {
            pattern["month"] = month;
        }

        if (recurrence.Index is { } index)
        {
            pattern["index"] = index.ToString().ToLowerInvariant();
        }

        var range = new JsonObject
        {
            ["type"] = recurrence.NumberOfOccurrences is not null ? "numbered" : recurrence.EndDate is not null ? "endDate" : "noEnd",
            ["startDate"] = Format(recurrence.StartDate),
            ["recurrenceTimeZone"] = timeZone ?? "UTC",
        };
        if (recurrence.EndDate is { } end)
        {
            range["endDate"] = Format(end);
        }

        if (recurrence.NumberOfOccurrences is { } count)
        {
            range["numberOfOccurrences"] = count;
        }

        return new JsonObject { ["pattern"] = pattern, ["range"] = range };
    }

    private static bool TryType(string type, out RecurrenceType kind) => Enum.TryParse(type, ignoreCase: true, out kind);

    private static DayOfWeek Day(string day) => Enum.Parse<DayOfWeek>(day, ignoreCase: true);

    private static WeekIndex Index(string? index) => Enum.TryParse<WeekIndex>(index, ignoreCase: true, out var value) ? value : WeekIndex.First;

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date != default(DateOnly)
            ? date
            : null;

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
