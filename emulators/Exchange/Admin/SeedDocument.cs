namespace OutlookCrm.Emulators.Exchange.Admin;

/// <summary>Body of <c>POST /__admin/seed</c> (camelCase JSON). Every list is optional.</summary>
public sealed class SeedDocument
{
    public List<SeedMailbox> Mailboxes { get; set; } = [];
    public List<SeedContact> Contacts { get; set; } = [];
    public List<SeedEvent> Events { get; set; } = [];
    public List<SeedServiceAccount> ServiceAccounts { get; set; } = [];
    public List<SeedApp> Apps { get; set; } = [];
}

public sealed class SeedMailbox
{
    public string Smtp { get; set; } = "";
    public string? DisplayName { get; set; }
    public Guid? Id { get; set; }
}

public sealed class SeedExtendedProperty
{
    /// <summary>Graph form: <c>String {guid} Name X</c>.</summary>
    public string Id { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class SeedContact
{
    public string Mailbox { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? GivenName { get; set; }
    public string? MiddleName { get; set; }
    public string? Surname { get; set; }
    public string? CompanyName { get; set; }
    public string? JobTitle { get; set; }
    public string? Department { get; set; }
    public List<string> EmailAddresses { get; set; } = [];
    public List<string> BusinessPhones { get; set; } = [];
    public string? MobilePhone { get; set; }
    public SeedAddress? BusinessAddress { get; set; }
    public List<SeedExtendedProperty> ExtendedProperties { get; set; } = [];
}

public sealed class SeedAddress
{
    public string? Street { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? CountryOrRegion { get; set; }
}

public sealed class SeedAttendee
{
    public string Email { get; set; } = "";
    public string? Name { get; set; }

    /// <summary>required | optional | resource</summary>
    public string Type { get; set; } = "required";

    /// <summary>none | accepted | tentativelyAccepted | declined | notResponded</summary>
    public string Response { get; set; } = "none";
}

public sealed class SeedEvent
{
    public string Mailbox { get; set; } = "";
    public string? Subject { get; set; }
    public string? Body { get; set; }

    /// <summary>text | html</summary>
    public string BodyType { get; set; } = "text";

    /// <summary>Local date-time in <see cref="TimeZone"/> (or with an offset / Z).</summary>
    public string Start { get; set; } = "";
    public string End { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public bool IsAllDay { get; set; }
    public string? Location { get; set; }
    public string ShowAs { get; set; } = "busy";
    public string Sensitivity { get; set; } = "normal";
    public string? Organizer { get; set; }
    public List<SeedAttendee> Attendees { get; set; } = [];
    public SeedRecurrence? Recurrence { get; set; }
    public List<SeedException> Exceptions { get; set; } = [];
    public List<SeedExtendedProperty> ExtendedProperties { get; set; } = [];
}

/// <summary>Graph's patternedRecurrence, flattened.</summary>
public sealed class SeedRecurrence
{
    /// <summary>daily | weekly | absoluteMonthly | relativeMonthly | absoluteYearly | relativeYearly</summary>
    public string Type { get; set; } = "weekly";
    public int Interval { get; set; } = 1;
    public List<string> DaysOfWeek { get; set; } = [];
    public int DayOfMonth { get; set; }
    public int Month { get; set; }
    public string Index { get; set; } = "first";

    /// <summary>endDate | noEnd | numbered</summary>
    public string RangeType { get; set; } = "noEnd";
    public string? EndDate { get; set; }
    public int NumberOfOccurrences { get; set; }
}

/// <summary>An exception of a series: <see cref="OriginalStart"/> (local, like the series start) moved to Start/End, or cancelled.</summary>
public sealed class SeedException
{
    public string OriginalStart { get; set; } = "";
    public bool Cancelled { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Subject { get; set; }
    public string? Location { get; set; }
}

public sealed class SeedServiceAccount
{
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>Mailboxes this account holds ApplicationImpersonation for ("*" = all).</summary>
    public List<string> Impersonate { get; set; } = [];
}

public sealed class SeedApp
{
    public string ClientId { get; set; } = "";

    /// <summary>The application access policy's mailboxes; null = no policy (every mailbox).</summary>
    public List<string>? Mailboxes { get; set; }
}
