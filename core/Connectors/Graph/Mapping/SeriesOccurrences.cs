using OutlookCrm.Core.Connectors.Graph.Dtos;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Graph.Mapping;

/// <summary>
/// Finds the occurrences of a series that Graph no longer lists: the pattern's dates inside the
/// window that match no instance's original start. Instants come from the master's start moved by
/// whole days and corrected by the offset of the nearest listed instance, which absorbs DST shifts
/// without a time zone database.
/// </summary>
internal static class SeriesOccurrences
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromHours(3);

    public static IReadOnlyList<DateTimeOffset> Missing(
        Recurrence recurrence, DateTimeOffset seriesStart, IReadOnlyList<EventDto> instances, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        var listed = instances
            .Select(i => (i.OriginalStart ?? EventMapper.Instant(i.Start)).ToUniversalTime())
            .ToList();
        var dates = RecurrenceExpander.Dates(recurrence, DateOnly.FromDateTime(windowEnd.UtcDateTime.AddDays(1))).ToList();
        if (dates.Count == 0)
        {
            return [];
        }

        // The master's start is the first occurrence; later ones are whole days after it (before DST correction).
        var anchor = dates[0];
        var expected = dates.Select(date => seriesStart.AddDays(date.DayNumber - anchor.DayNumber)).ToList();

        var matched = new List<(DateTimeOffset Expected, TimeSpan Shift)>();
        var missing = new List<DateTimeOffset>();
        foreach (var slot in expected)
        {
            var hit = listed.Where(l => (l - slot).Duration() <= Tolerance).OrderBy(l => (l - slot).Duration()).FirstOrDefault();
            if (hit != default)
            {
                matched.Add((slot, hit - slot));
            }
            else
            {
                missing.Add(slot);
            }
        }

        return missing
            .Select(slot => slot + (matched.Count == 0 ? TimeSpan.Zero : matched.MinBy(m => (m.Expected - slot).Duration()).Shift))
            .Where(slot => slot >= windowStart && slot < windowEnd)
            .ToList();
    }
}
