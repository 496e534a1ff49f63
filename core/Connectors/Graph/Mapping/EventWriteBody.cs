using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Graph.Mapping;

/// <summary>
/// The POST/PATCH body of an event written from the CRM.
///
/// NEVER EMAIL ATTENDEES. Graph has no "send to none": creating an event with attendees sends
/// invitations, and changing a meeting sends updates. So no body built here ever contains an
/// <c>attendees</c> member. The CRM's attendees are listed at the end of the body text and kept
/// in the <see cref="ExtendedProperties.CrmAttendees"/> property instead.
/// </summary>
internal static class EventWriteBody
{
    public const string AttendeesHeading = "Attendees (from the CRM, not invited):";

    public static JsonObject Build(CalendarEvent calendarEvent)
    {
        var body = new JsonObject
        {
            ["subject"] = calendarEvent.Subject,
            ["body"] = new JsonObject { ["contentType"] = "text", ["content"] = BodyText(calendarEvent) },
            ["isAllDay"] = calendarEvent.IsAllDay,
            ["start"] = Time(calendarEvent, start: true),
            ["end"] = Time(calendarEvent, start: false),
            ["location"] = new JsonObject { ["displayName"] = calendarEvent.Location ?? "" },
            ["showAs"] = EventMapper.ShowAsName(calendarEvent.ShowAs),
            ["sensitivity"] = calendarEvent.IsPrivate ? "private" : "normal",
        };
        if (calendarEvent.Recurrence is { } recurrence)
        {
            body["recurrence"] = RecurrenceMapper.ToJson(recurrence, "UTC");
        }

        var attendees = calendarEvent.Attendees.Count == 0 ? null : string.Join(";", calendarEvent.Attendees.Select(a => a.Email));
        var stamps = ExtendedProperties.Stamp((ExtendedProperties.PartnerId, calendarEvent.PartnerId), (ExtendedProperties.CrmAttendees, attendees));
        if (stamps.Count > 0)
        {
            body["singleValueExtendedProperties"] = stamps;
        }

        return body;
    }

    // Instants are written in UTC; an all-day event is midnight to midnight of its dates.
    private static JsonObject Time(CalendarEvent e, bool start)
    {
        DateTime value = e.IsAllDay && (start ? e.StartDate : e.EndDate) is { } date
            ? date.ToDateTime(TimeOnly.MinValue)
            : (start ? e.Start : e.End).UtcDateTime;
        return new JsonObject
        {
            ["dateTime"] = value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            ["timeZone"] = "UTC",
        };
    }

    private static string BodyText(CalendarEvent e)
    {
        if (e.Attendees.Count == 0)
        {
            return e.Body ?? "";
        }

        var text = new StringBuilder(StripAttendeeList(e.Body ?? ""));
        text.Append("\n\n").Append(AttendeesHeading);
        foreach (var attendee in e.Attendees)
        {
            text.Append("\n- ").Append(attendee.Name is { Length: > 0 } name ? $"{name} <{attendee.Email}>" : attendee.Email);
        }

        return text.ToString();
    }

    /// <summary>Drops a list we appended earlier, so the body read back and written again doesn't grow one list per sync.</summary>
    public static string StripAttendeeList(string body)
    {
        var at = body.IndexOf(AttendeesHeading, StringComparison.Ordinal);
        return at < 0 ? body : body[..at].TrimEnd();
    }
}
