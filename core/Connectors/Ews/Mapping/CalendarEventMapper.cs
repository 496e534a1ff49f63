using System.Xml.Linq;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>
/// Calendar items ↔ <see cref="CalendarEvent"/>. SyncFolderItems has no date filter, so change
/// pages read bodies and keep only items in the sync window: a single item when it overlaps the
/// window, a recurring master when its series range does (moved occurrences travel with the master).
/// </summary>
public sealed class CalendarEventMapper : IEwsItemMapper<CalendarEvent>
{
    public string FolderId => "calendar";

    public string ItemElement => "CalendarItem";

    public bool ReadsBodiesForScope => true;

    public IReadOnlyList<string> FieldUris { get; } =
    [
        "item:Subject", "item:Body", "item:Sensitivity", "calendar:Start", "calendar:End", "calendar:StartTimeZoneId",
        "calendar:IsAllDayEvent", "calendar:LegacyFreeBusyStatus", "calendar:Location", "calendar:IsCancelled",
        "calendar:Organizer", "calendar:RequiredAttendees", "calendar:OptionalAttendees", "calendar:Resources",
        "calendar:Recurrence", "calendar:ModifiedOccurrences", "calendar:DeletedOccurrences", "calendar:UID",
    ];

    public CalendarEvent Read(XElement item) => CalendarEventReader.Read(item);

    public bool InScope(CalendarEvent body, SyncScope scope)
    {
        if (body.Recurrence is { } series)
        {
            var first = DateOnly.FromDateTime(scope.WindowStart.UtcDateTime).AddDays(-1); // a day of slack for time zones
            var last = DateOnly.FromDateTime(scope.WindowEnd.UtcDateTime).AddDays(1);
            return series.StartDate <= last && (series.EndDate is not { } end || end >= first);
        }

        return body.End > scope.WindowStart && body.Start < scope.WindowEnd;
    }

    public XElement ToNewItem(CalendarEvent body) => CalendarEventWriter.ToNewItem(body);

    public IEnumerable<XElement> ToUpdates(CalendarEvent body) => CalendarEventWriter.ToUpdates(body);
}
