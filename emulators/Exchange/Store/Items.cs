using System.Collections.Immutable;

namespace OutlookCrm.Emulators.Exchange.Store;

public enum FolderKind
{
    Calendar,
    Contacts,
}

/// <summary>
/// One item as stored. Records are immutable: the store swaps whole versions under its lock, so a
/// reader holds a consistent snapshot without copying.
/// </summary>
public abstract record MailboxItem
{
    public Guid Key { get; init; }
    public string ChangeKey { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastModifiedAt { get; init; }
    public ImmutableArray<string> Categories { get; init; } = [];
    public ImmutableDictionary<string, ExtendedProperty> ExtendedProperties { get; init; } =
        ImmutableDictionary<string, ExtendedProperty>.Empty;

    public bool IsDeleted { get; init; }

    /// <summary>Folder sequence number when the item was created; decides Create vs Update in change tracking.</summary>
    public long CreatedSeq { get; init; }

    /// <summary>Folder sequence number of the last change (incl. deletion).</summary>
    public long ChangeSeq { get; init; }

    public abstract FolderKind Folder { get; }

    public MailboxItem WithExtendedProperty(ExtendedProperty property) =>
        this with { ExtendedProperties = ExtendedProperties.SetItem(property.Key.Canonical, property) };
}

public sealed record ExtendedProperty(ExtendedPropertyKey Key, string Value);

public sealed record EmailEntry(string? Name, string Address);

public sealed record PhysicalAddress(string? Street, string? City, string? State, string? PostalCode, string? CountryOrRegion)
{
    public bool IsEmpty => Street is null && City is null && State is null && PostalCode is null && CountryOrRegion is null;
}

public sealed record ContactItem : MailboxItem
{
    public override FolderKind Folder => FolderKind.Contacts;
    public string? DisplayName { get; init; }
    public string? GivenName { get; init; }
    public string? MiddleName { get; init; }
    public string? Surname { get; init; }
    public string? NickName { get; init; }
    public string? CompanyName { get; init; }
    public string? JobTitle { get; init; }
    public string? Department { get; init; }

    /// <summary>Exactly three slots (EmailAddress1..3); an empty slot is null.</summary>
    public ImmutableArray<EmailEntry?> EmailAddresses { get; init; } = [null, null, null];

    public ImmutableArray<string> BusinessPhones { get; init; } = [];
    public ImmutableArray<string> HomePhones { get; init; } = [];
    public string? MobilePhone { get; init; }
    public PhysicalAddress? BusinessAddress { get; init; }
    public string? Notes { get; init; }

    public string EffectiveDisplayName =>
        DisplayName ?? string.Join(' ', new[] { GivenName, Surname }.Where(s => !string.IsNullOrEmpty(s)));
}

public enum BodyType
{
    Text,
    Html,
}

public sealed record BodyContent(BodyType Type, string Content);

public enum AttendeeType
{
    Required,
    Optional,
    Resource,
}

/// <summary>Graph's response names; EWS maps them (organizer↔Organizer, tentativelyAccepted↔Tentative, notResponded↔NoResponseReceived, none↔Unknown).</summary>
public enum ResponseType
{
    None,
    Organizer,
    TentativelyAccepted,
    Accepted,
    Declined,
    NotResponded,
}

public sealed record Attendee(EmailEntry Email, AttendeeType Type, ResponseType Response, DateTimeOffset? ResponseTime = null);

public enum ShowAs
{
    Free,
    Tentative,
    Busy,
    Oof,
    WorkingElsewhere,
    Unknown,
}

public enum Sensitivity
{
    Normal,
    Personal,
    Private,
    Confidential,
}

public sealed record EventItem : MailboxItem
{
    public override FolderKind Folder => FolderKind.Calendar;
    public string? Subject { get; init; }
    public BodyContent? Body { get; init; }

    /// <summary>Start and end as UTC instants; <see cref="StartTimeZone"/> is the zone they were given in (Windows or IANA id).</summary>
    public DateTime StartUtc { get; init; }
    public DateTime EndUtc { get; init; }
    public string StartTimeZone { get; init; } = "UTC";
    public string EndTimeZone { get; init; } = "UTC";
    public bool IsAllDay { get; init; }
    public string? Location { get; init; }
    public ShowAs ShowAs { get; init; } = ShowAs.Busy;
    public Sensitivity Sensitivity { get; init; } = Sensitivity.Normal;
    public EmailEntry? Organizer { get; init; }
    public ImmutableArray<Attendee> Attendees { get; init; } = [];
    public string ICalUId { get; init; } = "";
    public bool IsCancelled { get; init; }
    public bool ResponseRequested { get; init; } = true;
    public Recurrence? Recurrence { get; init; }

    /// <summary>Graph's transactionId: a retried POST with the same value returns the event created first.</summary>
    public string? TransactionId { get; init; }

    /// <summary>Exceptions of a recurring master, keyed by the occurrence's original start (UTC).</summary>
    public ImmutableSortedDictionary<DateTime, OccurrenceException> Exceptions { get; init; } =
        ImmutableSortedDictionary<DateTime, OccurrenceException>.Empty;

    public bool IsRecurringMaster => Recurrence is not null;
    public TimeSpan Duration => EndUtc - StartUtc;
}

/// <summary>A modified occurrence (new times or fields) or a cancelled (deleted) one.</summary>
public sealed record OccurrenceException
{
    public DateTime OriginalStartUtc { get; init; }
    public bool Cancelled { get; init; }
    public DateTime StartUtc { get; init; }
    public DateTime EndUtc { get; init; }
    public string? Subject { get; init; }
    public string? Location { get; init; }
    public BodyContent? Body { get; init; }
    public string ChangeKey { get; init; } = "";
    public DateTimeOffset LastModifiedAt { get; init; }
}

public enum PatternType
{
    Daily,
    Weekly,
    AbsoluteMonthly,
    RelativeMonthly,
    AbsoluteYearly,
    RelativeYearly,
}

public enum WeekIndex
{
    First,
    Second,
    Third,
    Fourth,
    Last,
}

public enum RangeType
{
    EndDate,
    NoEnd,
    Numbered,
}

/// <summary>Graph's patternedRecurrence (pattern + range); EWS recurrence XML maps onto it one to one.</summary>
public sealed record Recurrence
{
    public PatternType Type { get; init; }
    public int Interval { get; init; } = 1;
    public ImmutableArray<DayOfWeek> DaysOfWeek { get; init; } = [];
    public int DayOfMonth { get; init; }
    public int Month { get; init; }
    public WeekIndex Index { get; init; }
    public DayOfWeek FirstDayOfWeek { get; init; } = DayOfWeek.Sunday;
    public RangeType RangeType { get; init; } = RangeType.NoEnd;
    public DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public int NumberOfOccurrences { get; init; }
    public string? RecurrenceTimeZone { get; init; }
}
