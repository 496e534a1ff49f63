using OutlookCrm.Core.Connectors.Ews.Mapping;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

public sealed class EwsTimeZoneTests
{
    private static string AllDay(string id, string start, string end, string zone) => $"""
        <t:CalendarItem><t:ItemId Id="{id}" ChangeKey="K"/><t:Subject>Holiday</t:Subject><t:Start>{start}</t:Start><t:End>{end}</t:End>
        <t:IsAllDayEvent>true</t:IsAllDayEvent><t:StartTimeZoneId>{zone}</t:StartTimeZoneId></t:CalendarItem>
        """;

    [Fact]
    public async Task All_day_events_read_their_dates_in_the_windows_zone_exchange_names()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetItem", EwsAnswers.GetItem(
        [
            AllDay("BERLIN", "2026-03-09T23:00:00Z", "2026-03-10T23:00:00Z", "W. Europe Standard Time"),
            AllDay("TONGA", "2026-03-09T11:00:00Z", "2026-03-11T11:00:00Z", "Tonga Standard Time"), // UTC+13: rounding alone would say the 9th
        ]));

        var events = await host.Connector.Events.ReadAsync(EwsTestHost.Scope, ["BERLIN", "TONGA"], CancellationToken.None);

        Assert.Equal((new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11)), (events[0].Body.StartDate, events[0].Body.EndDate));
        Assert.Equal((new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 12)), (events[1].Body.StartDate, events[1].Body.EndDate));
        Assert.Equal("W. Europe Standard Time", events[0].Body.TimeZone);
    }

    [Fact]
    public async Task Iana_zones_are_sent_to_exchange_as_windows_zones()
    {
        var mailbox = new InMemoryEwsMailbox();
        var host = new EwsTestHost();
        host.Server.Fallback = mailbox.Handle;
        var allDay = new CalendarEvent { Subject = "Offsite", IsAllDay = true, StartDate = new DateOnly(2026, 6, 10), EndDate = new DateOnly(2026, 6, 11), TimeZone = "Europe/Berlin" };
        var timed = new CalendarEvent { Subject = "Call", Start = new DateTimeOffset(2026, 6, 10, 14, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero), TimeZone = "America/New_York" };

        await host.Connector.Events.ApplyAsync(EwsTestHost.Scope, [new("a", WriteKind.Create, null, null, allDay), new("t", WriteKind.Create, null, null, timed)], CancellationToken.None);

        var items = host.Server.Of("CreateItem").Single().Body.Descendants(EwsXml.T + "CalendarItem").ToList();
        Assert.Equal("2026-06-09T22:00:00Z", items[0].Element(EwsXml.T + "Start")!.Value); // midnight CEST
        Assert.Equal("W. Europe Standard Time", (string?)items[0].Element(EwsXml.T + "StartTimeZone")!.Attribute("Id"));
        Assert.Equal("Eastern Standard Time", (string?)items[1].Element(EwsXml.T + "EndTimeZone")!.Attribute("Id"));
        Assert.Equal("2026-06-10T14:00:00Z", items[1].Element(EwsXml.T + "Start")!.Value);
    }

    [Fact]
    public void An_all_day_event_in_a_zone_exchange_cannot_be_told_keeps_its_dates_in_utc()
    {
        var item = CalendarEventWriter.ToNewItem(new CalendarEvent { Subject = "x", IsAllDay = true, StartDate = new DateOnly(2026, 1, 2), TimeZone = "Mars/Olympus_Mons" });

        Assert.Equal("2026-01-02T00:00:00Z", item.Element(EwsXml.T + "Start")!.Value);
        Assert.Equal("2026-01-03T00:00:00Z", item.Element(EwsXml.T + "End")!.Value);
        Assert.Equal("UTC", (string?)item.Element(EwsXml.T + "StartTimeZone")!.Attribute("Id"));
    }

    [Theory]
    [InlineData("Europe/Amsterdam", "W. Europe Standard Time")]
    [InlineData("Asia/Kolkata", "India Standard Time")]
    [InlineData("Pacific Standard Time", "Pacific Standard Time")]
    [InlineData("Etc/UTC", "UTC")]
    public void Windows_ids_for_common_zones(string given, string windows) => Assert.Equal(windows, EwsTime.WindowsZoneId(given));
}
