using System.Collections.Immutable;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Admin;

/// <summary>Turns a <see cref="SeedDocument"/> into mailboxes, items and grants; returns the new ids (Graph form).</summary>
public sealed class Seeder(IMailboxStore store)
{
    public SeedResult Apply(SeedDocument document)
    {
        var result = new SeedResult();
        foreach (var m in document.Mailboxes)
        {
            var info = store.AddMailbox(m.Smtp, m.DisplayName, m.Id);
            result.Mailboxes.Add(new SeedResult.MailboxIds(info.Smtp, info.Id));
        }

        foreach (var c in document.Contacts)
        {
            var box = Mailbox(c.Mailbox);
            var created = store.Create(box.Id, ToContact(c));
            result.Contacts.Add(new ItemId(ItemIdKind.Item, box.Id, created.Key).ToGraph());
        }

        foreach (var e in document.Events)
        {
            var box = Mailbox(e.Mailbox);
            var created = store.Create(box.Id, ToEvent(e, box));
            ApplyExceptions(store, box.Id, created.Key, e);
            result.Events.Add(new ItemId(ItemIdKind.Item, box.Id, created.Key).ToGraph());
        }

        foreach (var a in document.ServiceAccounts)
        {
            store.AddServiceAccount(new ServiceAccount(a.Username, a.Password, a.Impersonate.ToHashSet(StringComparer.OrdinalIgnoreCase)));
        }

        foreach (var app in document.Apps)
        {
            store.AddApp(new AppRegistration(app.ClientId, app.Mailboxes?.ToHashSet(StringComparer.OrdinalIgnoreCase)));
        }

        return result;
    }

    public static ContactItem ToContact(SeedContact c)
    {
        var emails = c.EmailAddresses.Take(3).Select(a => (EmailEntry?)new EmailEntry(null, a)).ToList();
        while (emails.Count < 3)
        {
            emails.Add(null);
        }

        return new ContactItem
        {
            DisplayName = c.DisplayName,
            GivenName = c.GivenName,
            MiddleName = c.MiddleName,
            Surname = c.Surname,
            CompanyName = c.CompanyName,
            JobTitle = c.JobTitle,
            Department = c.Department,
            EmailAddresses = [.. emails],
            BusinessPhones = [.. c.BusinessPhones],
            MobilePhone = c.MobilePhone,
            BusinessAddress = c.BusinessAddress is { } a ? new PhysicalAddress(a.Street, a.City, a.State, a.PostalCode, a.CountryOrRegion) : null,
            ExtendedProperties = Properties(c.ExtendedProperties),
        };
    }

    /// <summary>Moves, edits or cancels the occurrences <paramref name="e"/> lists as exceptions of the series just created.</summary>
    public static void ApplyExceptions(IMailboxStore store, Guid mailbox, Guid seriesKey, SeedEvent e)
    {
        var zone = TimeZones.FindOrUtc(e.TimeZone);
        foreach (var x in e.Exceptions)
        {
            var original = Time(x.OriginalStart, zone, "exceptions.originalStart");
            var outcome = store.EditOccurrence(mailbox, seriesKey, original, o => o with
            {
                Cancelled = x.Cancelled,
                StartUtc = x.Start is null ? o.StartUtc : Time(x.Start, zone, "exceptions.start"),
                EndUtc = x.End is null ? o.EndUtc : Time(x.End, zone, "exceptions.end"),
                Subject = x.Subject ?? o.Subject,
                Location = x.Location ?? o.Location,
            });
            if (outcome.Status != WriteStatus.Ok)
            {
                throw new SeedFailedException($"The series '{e.Subject}' has no occurrence at {x.OriginalStart}.");
            }
        }
    }

    public static EventItem ToEvent(SeedEvent e, MailboxInfo box)
    {
        if (!TimeZones.TryFind(e.TimeZone, out var zone))
        {
            throw new SeedFailedException($"Unknown time zone '{e.TimeZone}'.");
        }

        var start = Time(e.Start, zone, "start");
        var end = Time(e.End, zone, "end");
        var organizer = new EmailEntry(e.Organizer is null ? box.DisplayName : null, e.Organizer ?? box.Smtp);
        return new EventItem
        {
            Subject = e.Subject,
            Body = e.Body is null ? null : new BodyContent(Names.Parse(e.BodyType, BodyType.Text), e.Body),
            StartUtc = start,
            EndUtc = end,
            StartTimeZone = e.TimeZone,
            EndTimeZone = e.TimeZone,
            IsAllDay = e.IsAllDay,
            Location = e.Location,
            ShowAs = Names.Parse(e.ShowAs, ShowAs.Busy),
            Sensitivity = Names.Parse(e.Sensitivity, Sensitivity.Normal),
            Organizer = organizer,
            Attendees = [.. e.Attendees.Select(a => new Attendee(new EmailEntry(a.Name, a.Email),
                Names.Parse(a.Type, AttendeeType.Required), Names.Parse(a.Response, ResponseType.None)))],
            ICalUId = NewICalUId(),
            Recurrence = e.Recurrence is { } r ? ToRecurrence(r, DateOnly.FromDateTime(TimeZones.FromUtc(start, zone)), e.TimeZone) : null,
            ExtendedProperties = Properties(e.ExtendedProperties),
            ResponseRequested = true,
        };
    }

    public static string NewICalUId() =>
        "040000008200E00074C5B7101A82E00800000000" + Convert.ToHexString(Guid.NewGuid().ToByteArray());

    private static Recurrence ToRecurrence(SeedRecurrence r, DateOnly startDate, string zone) => new()
    {
        Type = Names.Parse(r.Type, PatternType.Weekly),
        Interval = Math.Max(1, r.Interval),
        DaysOfWeek = [.. r.DaysOfWeek.Select(d => Names.Parse(d, DayOfWeek.Monday))],
        DayOfMonth = r.DayOfMonth,
        Month = r.Month,
        Index = Names.Parse(r.Index, WeekIndex.First),
        RangeType = Names.Parse(r.RangeType, RangeType.NoEnd),
        StartDate = startDate,
        EndDate = r.EndDate is null ? null : DateOnly.Parse(r.EndDate, System.Globalization.CultureInfo.InvariantCulture),
        NumberOfOccurrences = r.NumberOfOccurrences,
        RecurrenceTimeZone = zone,
    };

    private static ImmutableDictionary<string, ExtendedProperty> Properties(IEnumerable<SeedExtendedProperty> properties)
    {
        var result = ImmutableDictionary<string, ExtendedProperty>.Empty;
        foreach (var p in properties)
        {
            if (!ExtendedPropertyKey.TryParseGraphId(p.Id, out var key))
            {
                throw new SeedFailedException($"Bad extended property id '{p.Id}'.");
            }

            result = result.SetItem(key.Canonical, new ExtendedProperty(key, p.Value));
        }

        return result;
    }

    private static DateTime Time(string text, TimeZoneInfo zone, string field) =>
        Names.TryParseLocal(text, zone, out var utc) ? utc : throw new SeedFailedException($"Bad date-time in {field}: '{text}'.");

    private MailboxInfo Mailbox(string smtp) =>
        store.FindMailbox(smtp) ?? store.AddMailbox(smtp);
}

public sealed class SeedResult
{
    public List<MailboxIds> Mailboxes { get; } = [];
    public List<string> Contacts { get; } = [];
    public List<string> Events { get; } = [];

    public sealed record MailboxIds(string Smtp, Guid Id);
}

public sealed class SeedFailedException(string message) : Exception(message);
