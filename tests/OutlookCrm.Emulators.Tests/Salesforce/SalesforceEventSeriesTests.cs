using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Tests.Salesforce;

/// <summary>Lightning event series on the wire: occurrences made on insert, exceptions, pattern changes, fromThisEventOnwards.</summary>
public sealed class SalesforceEventSeriesTests(SalesforceFixture fixture) : SalesforceTestBase(fixture), IClassFixture<SalesforceFixture>
{
    private const string Weekly = """
        {"Subject":"Standup","StartDateTime":"2027-03-15T08:00:00Z","EndDateTime":"2027-03-15T08:15:00Z","IsRecurrence2":true,
         "Recurrence2PatternText":"RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4","Recurrence2PatternTimeZone":"Europe/Berlin"}
        """;

    private async Task<JsonArray> OccurrencesAsync() =>
        (await QueryAsync("SELECT Id, StartDateTime, IsRecurrence2, IsRecurrence2Exception, Recurrence2PatternStartDate, Recurrence2PatternText, "
            + "Recurrence2PatternVersion, Subject FROM Event WHERE IsRecurrence2 = true ORDER BY StartDateTime"))["records"]!.AsArray();

    [Fact]
    public async Task Inserting_a_series_makes_an_event_per_occurrence_in_the_pattern_time_zone()
    {
        var (status, created) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event", Weekly);

        Assert.Equal(201, status);
        var occurrences = await OccurrencesAsync();
        Assert.Equal((string)created!["id"]!, (string?)occurrences[0]!["Id"]);
        // Berlin moves its clocks on 28 March: 09:00 local is 08:00Z before, 07:00Z after.
        Assert.Equal(
            ["2027-03-15T08:00:00.000+0000", "2027-03-22T08:00:00.000+0000", "2027-03-29T07:00:00.000+0000", "2027-04-05T07:00:00.000+0000"],
            occurrences.Select(o => (string?)o!["StartDateTime"]));
        Assert.All(occurrences, o => Assert.Equal(
            ("2027-03-15T08:00:00.000+0000", "1", "Standup", false),
            ((string?)o!["Recurrence2PatternStartDate"], (string?)o["Recurrence2PatternVersion"], (string?)o["Subject"], (bool)o["IsRecurrence2Exception"]!)));
    }

    [Fact]
    public async Task Moving_one_occurrence_makes_it_an_exception_and_a_new_pattern_remakes_the_series()
    {
        await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event", Weekly);
        var second = (string)(await OccurrencesAsync())[1]!["Id"]!;

        Assert.Equal(204, (await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Event/{second}",
            """{"StartDateTime":"2027-03-23T10:00:00Z","EndDateTime":"2027-03-23T10:15:00Z"}""")).Status);
        var moved = await OccurrencesAsync();
        Assert.Equal([false, true, false, false], moved.Select(o => (bool)o!["IsRecurrence2Exception"]!));

        var first = (string)moved[0]!["Id"]!;
        Assert.Equal(204, (await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Event/{first}",
            """{"Recurrence2PatternText":"RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=2"}""")).Status);
        var remade = await OccurrencesAsync();
        Assert.Equal(2, remade.Count);
        Assert.Equal(first, (string?)remade[0]!["Id"]);
        Assert.Equal("2027-03-22T08:00:00.000+0000", (string?)remade[1]!["StartDateTime"]);
        Assert.All(remade, o => Assert.False((bool)o!["IsRecurrence2Exception"]!));
    }

    [Fact]
    public async Task From_this_event_onwards_deletes_an_occurrence_and_the_later_ones_and_from_the_first_the_whole_series()
    {
        await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event", Weekly);
        var occurrences = await OccurrencesAsync();

        var (status, _) = await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Event/{(string)occurrences[2]!["Id"]!}/fromThisEventOnwards");

        Assert.Equal(200, status);
        Assert.Equal(2, (await OccurrencesAsync()).Count);
        Assert.Equal(200, (await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Event/{(string)occurrences[0]!["Id"]!}/fromThisEventOnwards")).Status);
        Assert.Empty(await OccurrencesAsync());
        Assert.Equal(4, (await QueryAsync("SELECT Id FROM Event WHERE IsDeleted = true", "queryAll"))["totalSize"]!.GetValue<int>());
    }

    [Fact]
    public async Task Two_series_of_one_owner_with_one_start_keep_their_own_occurrences_when_one_is_remade_or_deleted()
    {
        await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event", Weekly);
        var (_, daily) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event", Weekly
            .Replace("Standup", "Review", StringComparison.Ordinal).Replace("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4", "FREQ=DAILY;INTERVAL=1;COUNT=3", StringComparison.Ordinal));
        var occurrences = await OccurrencesAsync();

        Assert.Equal(7, occurrences.Count);
        Assert.All(occurrences, o => Assert.Equal((string?)o!["Subject"] == "Standup" ? "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=4" : "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=3",
            (string?)o["Recurrence2PatternText"]));
        var standup = (string)occurrences.First(o => (string?)o!["Subject"] == "Standup")!["Id"]!;

        Assert.Equal(204, (await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Event/{standup}",
            """{"Recurrence2PatternText":"RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=2"}""")).Status);
        Assert.Equal((2, 3), Counted(await OccurrencesAsync()));
        Assert.Equal(200, (await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Event/{(string)daily!["id"]!}/fromThisEventOnwards")).Status);
        Assert.Equal((2, 0), Counted(await OccurrencesAsync()));

        static (int Standups, int Reviews) Counted(JsonArray records) =>
            (records.Count(o => (string?)o!["Subject"] == "Standup"), records.Count(o => (string?)o!["Subject"] == "Review"));
    }

    [Fact]
    public async Task A_pattern_without_a_series_or_a_rule_it_cannot_read_is_refused()
    {
        AssertError(400, "FIELD_INTEGRITY_EXCEPTION", await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event",
            """{"Subject":"x","StartDateTime":"2027-03-15T08:00:00Z","EndDateTime":"2027-03-15T09:00:00Z","Recurrence2PatternText":"RRULE:FREQ=DAILY"}"""));
        AssertError(400, "FIELD_INTEGRITY_EXCEPTION", await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event",
            """{"Subject":"x","StartDateTime":"2027-03-15T08:00:00Z","EndDateTime":"2027-03-15T09:00:00Z","IsRecurrence2":true,"Recurrence2PatternText":"RRULE:FREQ=HOURLY"}"""));
        var (_, single) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event", """{"Subject":"x","StartDateTime":"2027-03-15T08:00:00Z","DurationInMinutes":30}""");
        AssertError(400, "INVALID_OPERATION", await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Event/{(string)single!["id"]!}/fromThisEventOnwards"));
        AssertError(400, "INVALID_FIELD_FOR_INSERT_UPDATE", await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Event/{(string)single!["id"]!}", """{"IsRecurrence2":true}"""));
    }
}
