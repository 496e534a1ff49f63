using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>
/// Writes a <see cref="CalendarEvent"/> as a <c>t:CalendarItem</c> (CreateItem) or as UpdateItem
/// field updates. Organizer, UID and IsCancelled are Exchange's to set; moved and deleted
/// occurrences are not written (they need per-occurrence calls).
/// </summary>
public static class CalendarEventWriter
{
    private static readonly XNamespace T = EwsXml.T;

    public static XElement ToNewItem(CalendarEvent e)
    {
        var (zone, start, end) = When(e);

        // Element order is the CalendarItemType schema order; Exchange rejects anything else.
        return new XElement(T + "CalendarItem",
            new XElement(T + "Subject", e.Subject),
            new XElement(T + "Sensitivity", e.IsPrivate ? "Private" : "Normal"),
            Body(e.Body),
            string.IsNullOrEmpty(e.PartnerId) ? null : EwsXml.PartnerProperty(e.PartnerId),
            new XElement(T + "Start", EwsTime.FormatInstant(start)),
            new XElement(T + "End", EwsTime.FormatInstant(end)),
            new XElement(T + "IsAllDayEvent", e.IsAllDay ? "true" : "false"),
            new XElement(T + "LegacyFreeBusyStatus", EventCodes.LegacyFreeBusy(e.ShowAs)),
            string.IsNullOrEmpty(e.Location) ? null : new XElement(T + "Location", e.Location),
            Attendees(e, "RequiredAttendees", AttendeeType.Required),
            Attendees(e, "OptionalAttendees", AttendeeType.Optional),
            Attendees(e, "Resources", AttendeeType.Resource),
            e.Recurrence is null ? null : RecurrenceXml.Write(e.Recurrence),
            zone is null ? null : new XElement(T + "StartTimeZone", new XAttribute("Id", zone)),
            zone is null ? null : new XElement(T + "EndTimeZone", new XAttribute("Id", zone)));
    }

    public static IEnumerable<XElement> ToUpdates(CalendarEvent e)
    {
        var (zone, start, end) = When(e);
        var updates = new ItemUpdates("CalendarItem")
            .Field("item:Subject", "Subject", e.Subject)
            .Set(EwsXml.FieldUri("item:Sensitivity"), new XElement(T + "Sensitivity", e.IsPrivate ? "Private" : "Normal"))
            .Set(EwsXml.FieldUri("item:Body"), Body(e.Body ?? "")!)
            .Set(EwsXml.FieldUri("calendar:Start"), new XElement(T + "Start", EwsTime.FormatInstant(start)))
            .Set(EwsXml.FieldUri("calendar:End"), new XElement(T + "End", EwsTime.FormatInstant(end)))
            .Set(EwsXml.FieldUri("calendar:IsAllDayEvent"), new XElement(T + "IsAllDayEvent", e.IsAllDay ? "true" : "false"))
            .Set(EwsXml.FieldUri("calendar:LegacyFreeBusyStatus"), new XElement(T + "LegacyFreeBusyStatus", EventCodes.LegacyFreeBusy(e.ShowAs)))
            .Field("calendar:Location", "Location", e.Location);
        foreach (var (list, type) in new[] { ("RequiredAttendees", AttendeeType.Required), ("OptionalAttendees", AttendeeType.Optional), ("Resources", AttendeeType.Resource) })
        {
            var uri = EwsXml.FieldUri("calendar:" + list);
            _ = Attendees(e, list, type) is { } attendees ? updates.Set(uri, attendees) : updates.Delete(uri);
        }

        _ = e.Recurrence is null
            ? updates.Delete(EwsXml.FieldUri("calendar:Recurrence"))
            : updates.Set(EwsXml.FieldUri("calendar:Recurrence"), RecurrenceXml.Write(e.Recurrence));
        if (zone is not null)
        {
            updates.Set(EwsXml.FieldUri("calendar:StartTimeZone"), new XElement(T + "StartTimeZone", new XAttribute("Id", zone)))
                .Set(EwsXml.FieldUri("calendar:EndTimeZone"), new XElement(T + "EndTimeZone", new XAttribute("Id", zone)));
        }

        return updates.Partner(e.PartnerId).All;
    }

    /// <summary>
    /// The StartTimeZone id and the instants to send. All-day events are dates: midnight to midnight
    /// in their own zone, or in UTC (named so) when that zone cannot be named to Exchange, so the dates stay exact.
    /// </summary>
    private static (string? ZoneId, DateTimeOffset Start, DateTimeOffset End) When(CalendarEvent e)
    {
        var windowsId = EwsTime.WindowsZoneId(e.TimeZone);
        if (!e.IsAllDay || e.StartDate is not { } startDate)
        {
            return (windowsId, e.Start, e.End);
        }

        var zone = windowsId is null ? null : EwsTime.Zone(e.TimeZone);
        var endDate = e.EndDate is { } d && d > startDate ? d : startDate.AddDays(1);
        return (zone is null ? "UTC" : windowsId, EwsTime.Midnight(startDate, zone), EwsTime.Midnight(endDate, zone));
    }

    private static XElement? Body(string? text) =>
        text is null ? null : new XElement(T + "Body", new XAttribute("BodyType", "Text"), text);

    private static XElement? Attendees(CalendarEvent e, string list, AttendeeType type)
    {
        var people = e.Attendees.Where(a => a.Type == type && !string.IsNullOrWhiteSpace(a.Email)).ToList();
        return people.Count == 0 ? null : new XElement(T + list, people.Select(a =>
            new XElement(T + "Attendee", new XElement(T + "Mailbox",
                string.IsNullOrEmpty(a.Name) ? null : new XElement(T + "Name", a.Name),
                new XElement(T + "EmailAddress", a.Email)))));
    }
}
