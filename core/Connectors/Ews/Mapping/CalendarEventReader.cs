using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>Reads a <c>t:CalendarItem</c> as returned by GetItem into a <see cref="CalendarEvent"/>.</summary>
public static class CalendarEventReader
{
    private static readonly XNamespace T = EwsXml.T;

    public static CalendarEvent Read(XElement item)
    {
        var start = Instant(item, "Start");
        var end = Instant(item, "End");
        var zoneId = item.Element(T + "StartTimeZoneId")?.Value ?? (string?)item.Element(T + "StartTimeZone")?.Attribute("Id");
        var isAllDay = Bool(item, "IsAllDayEvent");
        var zone = EwsTime.Zone(zoneId);
        return new CalendarEvent
        {
            Subject = item.Element(T + "Subject")?.Value ?? "",
            Body = item.Element(T + "Body")?.Value is { Length: > 0 } body ? body : null,
            Start = start,
            End = end,
            TimeZone = zoneId,
            IsAllDay = isAllDay,
            StartDate = isAllDay ? EwsTime.LocalDate(start, zone) : null,
            EndDate = isAllDay ? EwsTime.LocalDate(end, zone) : null,
            Location = item.Element(T + "Location")?.Value is { Length: > 0 } location ? location : null,
            ShowAs = EventCodes.ShowAs(item.Element(T + "LegacyFreeBusyStatus")?.Value),
            IsPrivate = EventCodes.IsPrivate(item.Element(T + "Sensitivity")?.Value),
            IsCancelled = Bool(item, "IsCancelled"),
            Organizer = item.Element(T + "Organizer")?.Element(T + "Mailbox") is { } organizer ? Person(organizer, AttendeeType.Required, ResponseStatus.Organizer) : null,
            Attendees = [.. Attendees(item, "RequiredAttendees", AttendeeType.Required), .. Attendees(item, "OptionalAttendees", AttendeeType.Optional), .. Attendees(item, "Resources", AttendeeType.Resource)],
            Recurrence = RecurrenceXml.Read(item.Element(T + "Recurrence")),
            Exceptions = item.Element(T + "ModifiedOccurrences")?.Elements(T + "Occurrence")
                .Select(o => new OccurrenceException(Instant(o, "OriginalStart"), Instant(o, "Start"), Instant(o, "End"), null, null)).ToList() ?? [],
            CancelledOccurrences = item.Element(T + "DeletedOccurrences")?.Elements(T + "DeletedOccurrence").Select(d => Instant(d, "Start")).ToList() ?? [],
            ICalUId = item.Element(T + "UID")?.Value,
            PartnerId = EwsXml.ReadPartnerId(item),
        };
    }

    private static IEnumerable<Attendee> Attendees(XElement item, string list, AttendeeType type) =>
        item.Element(T + list)?.Elements(T + "Attendee")
            .Where(a => a.Element(T + "Mailbox") is not null)
            .Select(a => Person(a.Element(T + "Mailbox")!, type, EventCodes.Response(a.Element(T + "ResponseType")?.Value)))
        ?? [];

    private static Attendee Person(XElement mailbox, AttendeeType type, ResponseStatus response) =>
        new(mailbox.Element(T + "EmailAddress")?.Value ?? "", mailbox.Element(T + "Name")?.Value, type, response);

    private static DateTimeOffset Instant(XElement parent, string name) =>
        parent.Element(T + name)?.Value is { Length: > 0 } value ? EwsTime.ParseInstant(value) : default;

    private static bool Bool(XElement item, string name) =>
        string.Equals(item.Element(T + name)?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
