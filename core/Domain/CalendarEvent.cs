namespace OutlookCrm.Core.Domain;

/// <summary>
/// A meeting or appointment. Times are UTC instants plus the organizer's original time zone;
/// all-day events are dates (<see cref="StartDate"/>/<see cref="EndDate"/>, end exclusive).
/// A recurring series is one item with <see cref="Recurrence"/>; its moved occurrences are
/// <see cref="Exceptions"/> and its deleted ones <see cref="CancelledOccurrences"/>.
/// </summary>
public sealed record CalendarEvent
{
    public string Subject { get; init; } = "";
    public string? Body { get; init; }
    public DateTimeOffset Start { get; init; }
    public DateTimeOffset End { get; init; }

    /// <summary>Original time zone (Windows or IANA id as the side gave it); informational.</summary>
    public string? TimeZone { get; init; }
    public bool IsAllDay { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public string? Location { get; init; }
    public ShowAs ShowAs { get; init; } = ShowAs.Busy;
    public bool IsPrivate { get; init; }
    public bool IsCancelled { get; init; }
    public Attendee? Organizer { get; init; }
    public IReadOnlyList<Attendee> Attendees { get; init; } = [];
    public Recurrence? Recurrence { get; init; }
    public IReadOnlyList<OccurrenceException> Exceptions { get; init; } = [];

    /// <summary>Original start instants of occurrences deleted from the series.</summary>
    public IReadOnlyList<DateTimeOffset> CancelledOccurrences { get; init; } = [];
    public string? ICalUId { get; init; }

    /// <summary>The id of this item's partner on the other side, stamped on create (crash safety).</summary>
    public string? PartnerId { get; init; }
    public IReadOnlyDictionary<string, string?> Custom { get; init; } = new Dictionary<string, string?>();
}

public enum ShowAs { Free, Tentative, Busy, OutOfOffice, WorkingElsewhere }

public enum AttendeeType { Required, Optional, Resource }

public enum ResponseStatus { None, Organizer, Accepted, Tentative, Declined, NotResponded }

public sealed record Attendee(string Email, string? Name, AttendeeType Type = AttendeeType.Required, ResponseStatus Response = ResponseStatus.None);

/// <summary>A moved or edited occurrence of a series, identified by its original start.</summary>
public sealed record OccurrenceException(DateTimeOffset OriginalStart, DateTimeOffset Start, DateTimeOffset End, string? Subject, string? Location);
