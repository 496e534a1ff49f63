using System.Text.Json;
using OutlookCrm.Core.Connectors.Graph.Dtos;
using OutlookCrm.Core.Connectors.Graph.Mapping;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

public sealed class GraphRecurrenceTests
{
    private static List<Recurrence> Patterns() =>
        FakeGraph.Fixture("recurrence-patterns.json").AsArray()
            .Select(p => RecurrenceMapper.ToDomain(GraphJson.Read<PatternedRecurrenceDto>(FakeGraph.Element(p!)))!)
            .ToList();

    [Fact]
    public void Every_documented_pattern_type_maps_with_interval_days_index_and_range()
    {
        var r = Patterns();

        Assert.Equal((RecurrenceType.Daily, 2, new DateOnly(2026, 2, 5), (int?)null), (r[0].Type, r[0].Interval, r[0].EndDate!.Value, r[0].NumberOfOccurrences));
        Assert.Equal((RecurrenceType.Weekly, 2, DayOfWeek.Monday, 10), (r[1].Type, r[1].Interval, r[1].FirstDayOfWeek, r[1].NumberOfOccurrences!.Value));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday], r[1].DaysOfWeek);
        Assert.Null(r[1].EndDate); // Graph sends 0001-01-01 for a numbered range
        Assert.Equal((RecurrenceType.AbsoluteMonthly, 31, (DateOnly?)null, (int?)null), (r[2].Type, r[2].DayOfMonth!.Value, r[2].EndDate, r[2].NumberOfOccurrences));
        Assert.Equal((RecurrenceType.RelativeMonthly, WeekIndex.Last), (r[3].Type, r[3].Index!.Value));
        Assert.Equal((RecurrenceType.AbsoluteYearly, 3, 15, (WeekIndex?)null), (r[4].Type, r[4].Month!.Value, r[4].DayOfMonth!.Value, r[4].Index));
        Assert.Equal((RecurrenceType.RelativeYearly, 11, WeekIndex.Fourth, DayOfWeek.Thursday), (r[5].Type, r[5].Month!.Value, r[5].Index!.Value, r[5].DaysOfWeek.Single()));
    }

    [Fact]
    public void Patterns_written_back_read_the_same()
    {
        foreach (var recurrence in Patterns())
        {
            var json = RecurrenceMapper.ToJson(recurrence, "UTC");
            var back = RecurrenceMapper.ToDomain(GraphJson.Read<PatternedRecurrenceDto>(JsonSerializer.SerializeToElement(json)))!;
            Assert.Equal(recurrence with { DaysOfWeek = [] }, back with { DaysOfWeek = [] });
            Assert.Equal(recurrence.DaysOfWeek, back.DaysOfWeek);
        }
    }

    [Fact]
    public void Expansion_produces_the_dates_outlook_would()
    {
        var r = Patterns();
        var until = new DateOnly(2028, 1, 1);

        Assert.Equal(16, RecurrenceExpander.Dates(r[0], until).Count());
        Assert.Equal(new DateOnly(2026, 2, 4), RecurrenceExpander.Dates(r[0], until).Last());
        Assert.Equal(
            new[] { (1, 5), (1, 7), (1, 19), (1, 21), (2, 2), (2, 4), (2, 16), (2, 18), (3, 2), (3, 4) }.Select(d => new DateOnly(2026, d.Item1, d.Item2)),
            RecurrenceExpander.Dates(r[1], until));
        Assert.Equal(
            new[] { (1, 31), (2, 28), (3, 31), (4, 30) }.Select(d => new DateOnly(2026, d.Item1, d.Item2)),
            RecurrenceExpander.Dates(r[2], until).Take(4));
        Assert.Equal(
            new[] { (1, 30), (2, 27), (3, 27) }.Select(d => new DateOnly(2026, d.Item1, d.Item2)),
            RecurrenceExpander.Dates(r[3], until));
        Assert.Equal([new DateOnly(2026, 3, 15), new DateOnly(2027, 3, 15)], RecurrenceExpander.Dates(r[4], until));
        Assert.Equal([new DateOnly(2026, 11, 26), new DateOnly(2027, 11, 25)], RecurrenceExpander.Dates(r[5], until));
    }
}
