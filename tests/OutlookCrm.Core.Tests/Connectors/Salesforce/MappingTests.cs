using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class MappingTests
{
    private static readonly EventMapper Events = new([], "OutlookCrm_ExchangeId__c");

    [Fact]
    public void Timed_event_reads_utc_instants_show_as_privacy_and_partner_but_not_its_relations()
    {
        var e = Events.Read(Record("""
            {"attributes":{"type":"Event"},"Id":"00URO0000000001AAA","SystemModstamp":"2026-11-20T08:00:00.000+0000","Subject":"Renewal call",
             "StartDateTime":"2026-11-23T15:00:00.000+0000","EndDateTime":"2026-11-23T15:30:00.000+0000","IsAllDayEvent":false,
             "ActivityDate":"2026-11-23","DurationInMinutes":30,"ShowAs":"OutOfOffice","IsPrivate":true,"Location":"Teams",
             "WhoId":"003RO0000000001AAA","WhatId":"006RO0000000001AAA","Recurrence2PatternText":null,"OutlookCrm_ExchangeId__c":"AAMk1"}
            """));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), e.Body.Start);
        Assert.Equal(TimeSpan.FromMinutes(30), e.Body.End - e.Body.Start);
        Assert.Equal((ShowAs.OutOfOffice, true, false), (e.Body.ShowAs, e.Body.IsPrivate, e.Body.IsAllDay));
        Assert.Equal("AAMk1", e.Body.PartnerId);
        // WhoId/WhatId are relations (the add-in's, the CRM user's): not content the sync compares or writes.
        Assert.Empty(e.Body.Custom);
        Assert.Equal("2026-11-20T08:00:00.000+0000", e.Version);
    }

    [Fact]
    public void All_day_events_are_a_date_and_whole_days_both_ways()
    {
        var read = Events.Read(Record("""
            {"Id":"00URO0000000002AAA","Subject":"Offsite","IsAllDayEvent":true,"ActivityDate":"2026-11-24","DurationInMinutes":2880,
             "StartDateTime":"2026-11-24T00:00:00.000+0000","EndDateTime":"2026-11-25T00:00:00.000+0000","ShowAs":"Free"}
            """)).Body;

        Assert.Equal((new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 26)), (read.StartDate, read.EndDate));
        Assert.Equal(ShowAs.Free, read.ShowAs);

        var written = Events.Write(read with { ShowAs = ShowAs.Tentative });
        Assert.Equal("2026-11-24", written["ActivityDate"]!.GetValue<string>());
        Assert.Equal(2880, written["DurationInMinutes"]!.GetValue<int>());
        Assert.True(written["IsAllDayEvent"]!.GetValue<bool>());
        Assert.False(written.ContainsKey("StartDateTime"));
        Assert.Equal("Busy", written["ShowAs"]!.GetValue<string>()); // Salesforce has no Tentative
    }

    [Fact]
    public void Timed_event_writes_utc_seconds()
    {
        var written = Events.Write(new CalendarEvent
        {
            Subject = "Demo", Start = new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.FromHours(1)), End = new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.FromHours(1)),
        });

        Assert.Equal(("2026-11-23T15:00:00Z", "2026-11-23T16:00:00Z"), (written["StartDateTime"]!.GetValue<string>(), written["EndDateTime"]!.GetValue<string>()));
    }

    public static TheoryData<Recurrence, string> Rules => new()
    {
        { new Recurrence { Type = RecurrenceType.Daily, Interval = 2, NumberOfOccurrences = 5 }, "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=5" },
        { new Recurrence { Type = RecurrenceType.Weekly, DaysOfWeek = [DayOfWeek.Monday, DayOfWeek.Wednesday], EndDate = new DateOnly(2026, 12, 31), FirstDayOfWeek = DayOfWeek.Monday },
            "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;UNTIL=20261231T235959Z;WKST=MO" },
        { new Recurrence { Type = RecurrenceType.AbsoluteMonthly, DayOfMonth = 15 }, "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15" },
        { new Recurrence { Type = RecurrenceType.RelativeMonthly, DaysOfWeek = [DayOfWeek.Friday], Index = WeekIndex.Last }, "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=FR;BYSETPOS=-1" },
        { new Recurrence { Type = RecurrenceType.AbsoluteYearly, Month = 3, DayOfMonth = 1 }, "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=3;BYMONTHDAY=1" },
        { new Recurrence { Type = RecurrenceType.RelativeYearly, Month = 11, DaysOfWeek = [DayOfWeek.Thursday], Index = WeekIndex.Fourth },
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=11;BYDAY=TH;BYSETPOS=4" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Recurrence_round_trips_through_an_rrule(Recurrence recurrence, string rrule)
    {
        var start = new DateOnly(2026, 11, 23);
        Assert.Equal(rrule, RecurrenceRule.Format(recurrence with { StartDate = start }));

        var parsed = RecurrenceRule.Parse(rrule, start)!;
        Assert.Equal(recurrence with { StartDate = start, DaysOfWeek = [] }, parsed with { DaysOfWeek = [] });
        Assert.Equal(recurrence.DaysOfWeek, parsed.DaysOfWeek);
    }

    [Theory]
    [InlineData("FREQ=SECONDLY;INTERVAL=1")]
    [InlineData("not a rule")]
    public void An_unknown_rule_reads_as_no_recurrence_rather_than_a_wrong_one(string text) =>
        Assert.Null(RecurrenceRule.Parse(text, new DateOnly(2026, 1, 1)));

    [Fact]
    public void Contact_write_sends_null_for_cleared_fields_and_a_display_name_for_a_missing_last_name()
    {
        var written = new ContactMapper(["Region__c"], null).Write(new Contact
        {
            DisplayName = "Contoso Reception", Emails = ["front@contoso.com", "second@contoso.com"],
            Custom = new Dictionary<string, string?> { ["Region__c"] = "EMEA" },
        });

        Assert.Equal("Contoso Reception", written["LastName"]!.GetValue<string>());
        Assert.Equal("front@contoso.com", written["Email"]!.GetValue<string>());
        Assert.True(written.ContainsKey("Title"));
        Assert.Null(written["Title"]);
        Assert.Equal("EMEA", written["Region__c"]!.GetValue<string>());
        Assert.Contains("\"Title\":null", written.ToJsonString());
    }

    [Fact]
    public void A_contact_without_an_account_has_no_company_rather_than_an_empty_one_and_no_write_sets_one()
    {
        var mapper = new ContactMapper([], null);
        var alone = mapper.Read(Record("""{"Id":"003RO0000000001AAA","LastName":"Lee","Email":"ann@fabrikam.com","AccountId":null,"Account":null}""")).Body;
        var employed = mapper.Read(Record("""{"Id":"003RO0000000002AAA","LastName":"Ray","AccountId":"001RO0000000001AAA","Account":{"attributes":{"type":"Account"},"Name":"Northwind"}}""")).Body;

        Assert.Null(alone.CompanyName);
        Assert.Equal([nameof(Contact.CompanyName)], alone.UnknownFields);
        Assert.Equal(("Northwind", 0), (employed.CompanyName, employed.UnknownFields.Count));
        var written = mapper.Write(employed with { CompanyName = "Fabrikam" });
        Assert.DoesNotContain(written, f => f.Key.StartsWith("Account", StringComparison.Ordinal) || f.Key == "CompanyName");
    }

    private static JsonElement Record(string json) => JsonDocument.Parse(json).RootElement;
}
