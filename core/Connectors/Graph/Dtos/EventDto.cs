using System.Text.Json.Serialization;

namespace OutlookCrm.Core.Connectors.Graph.Dtos;

/// <summary>The event fields we map (https://learn.microsoft.com/graph/api/resources/event).</summary>
internal sealed record EventDto
{
    public string Id { get; init; } = "";
    public string? ChangeKey { get; init; }

    /// <summary><c>singleInstance</c>, <c>occurrence</c>, <c>exception</c> or <c>seriesMaster</c>.</summary>
    public string? Type { get; init; }
    public string? SeriesMasterId { get; init; }
    public string? Subject { get; init; }
    public ItemBodyDto? Body { get; init; }
    public DateTimeTimeZoneDto? Start { get; init; }
    public DateTimeTimeZoneDto? End { get; init; }
    public DateTimeOffset? OriginalStart { get; init; }
    public string? OriginalStartTimeZone { get; init; }
    public bool? IsAllDay { get; init; }
    public bool? IsCancelled { get; init; }
    public LocationDto? Location { get; init; }
    public string? ShowAs { get; init; }
    public string? Sensitivity { get; init; }
    public RecipientDto? Organizer { get; init; }
    public List<AttendeeDto>? Attendees { get; init; }
    public PatternedRecurrenceDto? Recurrence { get; init; }
    public string? ICalUId { get; init; }
    public List<ExtendedPropertyDto>? SingleValueExtendedProperties { get; init; }

    [JsonPropertyName("@removed")]
    public RemovedDto? Removed { get; init; }
}

internal sealed record AttendeeDto(string? Type, ResponseStatusDto? Status, EmailAddressDto? EmailAddress);

internal sealed record ResponseStatusDto(string? Response);

internal sealed record PatternedRecurrenceDto(RecurrencePatternDto? Pattern, RecurrenceRangeDto? Range);

internal sealed record RecurrencePatternDto(
    string? Type, int? Interval, int? Month, int? DayOfMonth, List<string>? DaysOfWeek, string? FirstDayOfWeek, string? Index);

internal sealed record RecurrenceRangeDto(
    string? Type, string? StartDate, string? EndDate, string? RecurrenceTimeZone, int? NumberOfOccurrences);
