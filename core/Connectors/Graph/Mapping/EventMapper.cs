using System.Globalization;
using OutlookCrm.Core.Connectors.Graph.Dtos;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Graph.Mapping;

/// <summary>
/// Graph event → <see cref="CalendarEvent"/>. Times arrive in UTC (we send
/// <c>Prefer: outlook.timezone="UTC"</c>); the organizer's zone is kept from
/// <c>originalStartTimeZone</c>. A series is its master plus the instances Graph lists for the window.
/// </summary>
internal static class EventMapper
{
    public static CalendarEvent ToDomain(EventDto dto, IReadOnlyList<EventDto>? instances = null, IReadOnlyList<DateTimeOffset>? missingOccurrences = null)
    {
        var allDay = dto.IsAllDay == true;
        var start = Instant(dto.Start);
        var end = Instant(dto.End);
        var exceptions = (instances ?? [])
            .Where(i => Is(i.Type, "exception") && i.IsCancelled != true && i.OriginalStart is not null)
            .Select(i => new OccurrenceException(i.OriginalStart!.Value.ToUniversalTime(), Instant(i.Start), Instant(i.End), i.Subject, i.Location?.DisplayName))
            .OrderBy(e => e.OriginalStart)
            .ToList();
        var cancelled = (instances ?? [])
            .Where(i => i.IsCancelled == true)
            .Select(i => (i.OriginalStart ?? Instant(i.Start)).ToUniversalTime())
            .Concat(missingOccurrences ?? [])
            .Distinct()
            .Order()
            .ToList();
        return new CalendarEvent
        {
            Subject = dto.Subject ?? "",
            Body = string.IsNullOrEmpty(dto.Body?.Content) ? null : EventWriteBody.StripAttendeeList(dto.Body.Content),
            Start = start,
            End = end,
            TimeZone = dto.OriginalStartTimeZone,
            IsAllDay = allDay,
            StartDate = allDay ? DateOnly.FromDateTime(start.UtcDateTime) : null,
            EndDate = allDay ? DateOnly.FromDateTime(end.UtcDateTime) : null,
            Location = string.IsNullOrEmpty(dto.Location?.DisplayName) ? null : dto.Location.DisplayName,
            ShowAs = ShowAsOf(dto.ShowAs),
            IsPrivate = Is(dto.Sensitivity, "private"),
            IsCancelled = dto.IsCancelled == true,
            Organizer = dto.Organizer?.EmailAddress is { Address: { } address } organizer
                ? new Attendee(address, organizer.Name, AttendeeType.Required, ResponseStatus.Organizer)
                : null,
            Attendees = (dto.Attendees ?? [])
                .Where(a => !string.IsNullOrEmpty(a.EmailAddress?.Address))
                .Select(a => new Attendee(a.EmailAddress!.Address!, a.EmailAddress.Name, TypeOf(a.Type), ResponseOf(a.Status?.Response)))
                .ToList(),
            Recurrence = RecurrenceMapper.ToDomain(dto.Recurrence),
            Exceptions = exceptions,
            CancelledOccurrences = cancelled,
            ICalUId = dto.ICalUId,
            PartnerId = ExtendedProperties.Find(dto.SingleValueExtendedProperties, ExtendedProperties.PartnerId),
        };
    }

    /// <summary>A dateTimeTimeZone read as UTC; Graph writes it without an offset ("2026-03-02T09:00:00.0000000").</summary>
    public static DateTimeOffset Instant(DateTimeTimeZoneDto? value)
    {
        if (value is null)
        {
            return default;
        }

        var parsed = DateTime.Parse(value.DateTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
    }

    public static ShowAs ShowAsOf(string? value) => value?.ToLowerInvariant() switch
    {
        "free" => ShowAs.Free,
        "tentative" => ShowAs.Tentative,
        "oof" => ShowAs.OutOfOffice,
        "workingelsewhere" => ShowAs.WorkingElsewhere,
        _ => ShowAs.Busy,
    };

    public static string ShowAsName(ShowAs value) => value switch
    {
        ShowAs.Free => "free",
        ShowAs.Tentative => "tentative",
        ShowAs.OutOfOffice => "oof",
        ShowAs.WorkingElsewhere => "workingElsewhere",
        _ => "busy",
    };

    private static AttendeeType TypeOf(string? type) => type?.ToLowerInvariant() switch
    {
        "optional" => AttendeeType.Optional,
        "resource" => AttendeeType.Resource,
        _ => AttendeeType.Required,
    };

    private static ResponseStatus ResponseOf(string? response) => response?.ToLowerInvariant() switch
    {
        "organizer" => ResponseStatus.Organizer,
        "accepted" => ResponseStatus.Accepted,
        "tentativelyaccepted" => ResponseStatus.Tentative,
        "declined" => ResponseStatus.Declined,
        "notresponded" => ResponseStatus.NotResponded,
        _ => ResponseStatus.None,
    };

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
