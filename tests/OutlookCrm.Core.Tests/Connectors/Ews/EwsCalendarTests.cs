using OutlookCrm.Core.Connectors.Ews.Mapping;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

public sealed class EwsCalendarTests
{
    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_recurring_master_maps_its_pattern_a_moved_and_a_cancelled_occurrence()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetItem", EwsTestHost.Fixture("GetItem-RecurringMaster.xml"));

        var item = Assert.Single(await host.Connector.Events.ReadAsync(EwsTestHost.Scope, ["AAMkADMaster="], CancellationToken.None));
        var e = item.Body;

        Assert.Equal(("AAMkADMaster=", "DwAAABYAAAB1"), (item.Id, item.Version));
        Assert.Equal(("Pipeline review", "Weekly pipeline review with Fabrikam.", "Room 4"), (e.Subject, e.Body, e.Location));
        Assert.Equal((Utc(3, 2, 17), Utc(3, 2, 17).AddMinutes(30), "Pacific Standard Time"), (e.Start, e.End, e.TimeZone));
        Assert.Equal((ShowAs.Tentative, true, false, false), (e.ShowAs, e.IsPrivate, e.IsCancelled, e.IsAllDay));
        Assert.Equal(("040000008200E00074C5B7101A82E00800000000D0F5C5A1", "00U5e000001AbCdEAK"), (e.ICalUId, e.PartnerId));
        Assert.Equal(new Attendee("alice@contoso.com", "Alice Smith", AttendeeType.Required, ResponseStatus.Organizer), e.Organizer);
        Assert.Equal(
            [new Attendee("bob@fabrikam.com", "Bob Lee", AttendeeType.Required, ResponseStatus.Accepted), new Attendee("carol@fabrikam.com", "Carol Diaz", AttendeeType.Optional, ResponseStatus.Tentative)],
            e.Attendees);

        var r = e.Recurrence!;
        Assert.Equal((RecurrenceType.Weekly, 1, DayOfWeek.Monday), (r.Type, r.Interval, r.FirstDayOfWeek));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday], r.DaysOfWeek);
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 6, 29), (int?)null), (r.StartDate, r.EndDate, r.NumberOfOccurrences));

        var moved = Assert.Single(e.Exceptions);
        Assert.Equal((Utc(3, 11, 17), Utc(3, 12, 17), Utc(3, 12, 18)), (moved.OriginalStart, moved.Start, moved.End));
        Assert.Equal([Utc(3, 16, 16)], e.CancelledOccurrences);

        var asked = host.Server.Of("GetItem").Single().Body;
        Assert.Equal("Text", asked.Descendants(EwsXml.T + "BodyType").Single().Value);
        var uris = asked.Descendants(EwsXml.T + "FieldURI").Select(u => (string)u.Attribute("FieldURI")!).ToList();
        Assert.Contains("calendar:ModifiedOccurrences", uris);
        Assert.Contains("calendar:DeletedOccurrences", uris);
        Assert.Contains("calendar:UID", uris);
    }

    public static TheoryData<Recurrence> Patterns() => new()
    {
        new Recurrence { Type = RecurrenceType.Daily, Interval = 2, StartDate = new DateOnly(2026, 1, 5), NumberOfOccurrences = 10 },
        new Recurrence { Type = RecurrenceType.Weekly, Interval = 1, DaysOfWeek = [DayOfWeek.Tuesday, DayOfWeek.Thursday], FirstDayOfWeek = DayOfWeek.Monday, StartDate = new DateOnly(2026, 1, 6) },
        new Recurrence { Type = RecurrenceType.AbsoluteMonthly, Interval = 1, DayOfMonth = 15, StartDate = new DateOnly(2026, 1, 15), EndDate = new DateOnly(2026, 12, 15) },
        new Recurrence { Type = RecurrenceType.RelativeMonthly, Interval = 3, DaysOfWeek = [DayOfWeek.Friday], Index = WeekIndex.Last, StartDate = new DateOnly(2026, 1, 30) },
        new Recurrence { Type = RecurrenceType.AbsoluteYearly, DayOfMonth = 29, Month = 2, StartDate = new DateOnly(2028, 2, 29), NumberOfOccurrences = 3 },
        new Recurrence { Type = RecurrenceType.RelativeMonthly, DaysOfWeek = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], Index = WeekIndex.First, StartDate = new DateOnly(2026, 2, 2) },
        new Recurrence { Type = RecurrenceType.RelativeYearly, DaysOfWeek = [DayOfWeek.Thursday], Index = WeekIndex.Fourth, Month = 11, StartDate = new DateOnly(2026, 11, 26) },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Every_recurrence_pattern_and_range_survives_a_write_and_a_read(Recurrence pattern)
    {
        var xml = RecurrenceXml.Write(pattern);
        var read = RecurrenceXml.Read(xml)!;

        Assert.Equal(pattern with { DaysOfWeek = [] }, read with { DaysOfWeek = [] });
        Assert.Equal(pattern.DaysOfWeek, read.DaysOfWeek);
        Assert.Equal(2, xml.Elements().Count());
        if (pattern.Type is RecurrenceType.RelativeMonthly or RecurrenceType.RelativeYearly)
        {
            // DayOfWeekType is a single value: a weekday set is written as the group "Weekday".
            Assert.DoesNotContain(' ', xml.Descendants(EwsXml.T + "DaysOfWeek").Single().Value);
        }
    }

    [Fact]
    public async Task An_event_written_through_ews_reads_back_the_same()
    {
        var mailbox = new InMemoryEwsMailbox();
        var host = new EwsTestHost();
        host.Server.Fallback = mailbox.Handle;
        var meeting = new CalendarEvent
        {
            Subject = "QBR", Body = "Agenda: numbers", Start = Utc(5, 4, 15), End = Utc(5, 4, 16), TimeZone = "UTC", Location = "Teams",
            ShowAs = ShowAs.OutOfOffice, IsPrivate = true, PartnerId = "00U9",
            Attendees = [new Attendee("bob@fabrikam.com", "Bob Lee"), new Attendee("room1@contoso.com", "Room 1", AttendeeType.Resource)],
            Recurrence = new Recurrence { Type = RecurrenceType.Weekly, DaysOfWeek = [DayOfWeek.Monday], StartDate = new DateOnly(2026, 5, 4), NumberOfOccurrences = 4 },
        };

        var created = (await host.Connector.Events.ApplyAsync(EwsTestHost.Scope, [new("e", WriteKind.Create, null, null, meeting)], CancellationToken.None)).Single();
        var read = (await host.Connector.Events.ReadAsync(EwsTestHost.Scope, [created.Id!], CancellationToken.None)).Single().Body;

        Assert.Equal((meeting.Subject, meeting.Body, meeting.Start, meeting.End, meeting.Location, meeting.ShowAs, meeting.IsPrivate, meeting.PartnerId),
            (read.Subject, read.Body, read.Start, read.End, read.Location, read.ShowAs, read.IsPrivate, read.PartnerId));
        Assert.Equal(meeting.Attendees, read.Attendees);
        Assert.Equal(meeting.Recurrence with { DaysOfWeek = [] }, read.Recurrence! with { DaysOfWeek = [] });
        Assert.Equal("CalendarItem", mailbox.Items[created.Id!].Name.LocalName);
        Assert.Equal("calendar", (string?)host.Server.Of("CreateItem").Single().Body.Descendants(EwsXml.T + "DistinguishedFolderId").Single().Attribute("Id"));
    }

    [Fact]
    public async Task An_all_day_event_is_written_as_midnights_and_read_back_as_dates()
    {
        var mailbox = new InMemoryEwsMailbox();
        var host = new EwsTestHost();
        host.Server.Fallback = mailbox.Handle;
        var offsite = new CalendarEvent { Subject = "Offsite", IsAllDay = true, StartDate = new DateOnly(2026, 6, 10), EndDate = new DateOnly(2026, 6, 12) };

        var created = (await host.Connector.Events.ApplyAsync(EwsTestHost.Scope, [new("e", WriteKind.Create, null, null, offsite)], CancellationToken.None)).Single();
        var read = (await host.Connector.Events.ReadAsync(EwsTestHost.Scope, [created.Id!], CancellationToken.None)).Single().Body;

        var sent = host.Server.Of("CreateItem").Single().Body;
        Assert.Equal("2026-06-10T00:00:00Z", sent.Descendants(EwsXml.T + "Start").Single().Value);
        Assert.Equal("true", sent.Descendants(EwsXml.T + "IsAllDayEvent").Single().Value);
        Assert.Equal((true, new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 12)), (read.IsAllDay, read.StartDate, read.EndDate));
    }

    [Fact]
    public void All_day_dates_come_from_the_events_own_zone_when_known_and_the_nearest_midnight_otherwise()
    {
        // Midnight in UTC+1 is 23:00Z the day before; in UTC-5 it is 05:00Z the same day.
        Assert.Equal(new DateOnly(2026, 3, 10), EwsTime.LocalDate(new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero), null));
        Assert.Equal(new DateOnly(2026, 3, 10), EwsTime.LocalDate(new DateTimeOffset(2026, 3, 10, 5, 0, 0, TimeSpan.Zero), null));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Plus13", TimeSpan.FromHours(13), "Plus13", "Plus13");
        Assert.Equal(new DateOnly(2026, 3, 10), EwsTime.LocalDate(new DateTimeOffset(2026, 3, 9, 11, 0, 0, TimeSpan.Zero), zone));
    }

    [Fact]
    public async Task Change_pages_keep_only_events_in_the_sync_window()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S1", true,
            new[] { "IN", "OLD", "SERIES", "OLDSERIES" }.Select(id => EwsAnswers.Create("CalendarItem", id, "K" + id))));
        string Item(string id, string start, string end, string recurrence = "") =>
            $"""<t:CalendarItem><t:ItemId Id="{id}" ChangeKey="K{id}"/><t:Subject>{id}</t:Subject><t:Start>{start}</t:Start><t:End>{end}</t:End>{recurrence}</t:CalendarItem>""";
        const string weeklyFrom2025 = "<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval><t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence><t:NoEndRecurrence><t:StartDate>2025-01-06Z</t:StartDate></t:NoEndRecurrence></t:Recurrence>";
        const string ended2025 = "<t:Recurrence><t:DailyRecurrence><t:Interval>1</t:Interval></t:DailyRecurrence><t:EndDateRecurrence><t:StartDate>2025-01-06Z</t:StartDate><t:EndDate>2025-02-06Z</t:EndDate></t:EndDateRecurrence></t:Recurrence>";
        host.Server.Enqueue("GetItem", EwsAnswers.GetItem(
        [
            Item("IN", "2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z"),
            Item("OLD", "2025-02-01T10:00:00Z", "2025-02-01T11:00:00Z"),
            Item("SERIES", "2025-01-06T10:00:00Z", "2025-01-06T11:00:00Z", weeklyFrom2025),
            Item("OLDSERIES", "2025-01-06T10:00:00Z", "2025-01-06T11:00:00Z", ended2025),
        ]));

        var pages = new List<ChangePage<CalendarEvent>>();
        await foreach (var page in host.Connector.Events.ReadChangesAsync(EwsTestHost.Scope, null, CancellationToken.None))
        {
            pages.Add(page);
        }

        var page1 = Assert.Single(pages);
        Assert.Equal(["IN", "SERIES"], page1.Changed.Select(c => c.Id).Order());
        Assert.All(page1.Changed, c => Assert.NotNull(c.Body));
        Assert.Equal("calendar", (string?)host.Server.Of("SyncFolderItems").Single().Body.Descendants(EwsXml.T + "DistinguishedFolderId").Single().Attribute("Id"));
    }
}
