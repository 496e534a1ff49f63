using System.Globalization;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Reliability.Tests.Support;

/// <summary>
/// Both sides after a sync, by content: one line per CRM contact and event and per mailbox contact
/// and event, with the fields the sync maps and without ids or timestamps, sorted — so two runs from
/// the same seed data compare equal exactly when they left the same records behind.
/// </summary>
public sealed record EndState(
    IReadOnlyList<string> CrmContacts, IReadOnlyList<string> CrmEvents, IReadOnlyList<string> MailboxContacts, IReadOnlyList<string> MailboxEvents,
    IReadOnlyList<string> Duplicates)
{
    private const string PartnerIdProperty = "OutlookCrmPartnerId";

    public static EndState Capture(ReliabilityWorld world)
    {
        var crmContacts = world.Salesforce.GetRecords("Contact");
        var crmEvents = world.Salesforce.GetRecords("Event");
        var box = world.Exchange.Store.FindMailbox(ReliabilityWorld.Mailbox)!;
        var contacts = world.Exchange.Store.List(box.Id, FolderKind.Contacts).Where(i => !i.IsDeleted).OfType<ContactItem>().ToList();
        var events = world.Exchange.Store.List(box.Id, FolderKind.Calendar).Where(i => !i.IsDeleted).OfType<EventItem>().ToList();

        var duplicates = Repeated("CRM contact email", crmContacts.Select(c => Text(c, "Email")?.ToLowerInvariant()))
            .Concat(Repeated("CRM event", crmEvents.Select(e => $"{Text(e, "Subject")} at {Text(e, "StartDateTime")}")))
            .Concat(Repeated("CRM Exchange id", crmContacts.Concat(crmEvents).Select(r => Text(r, "OutlookCrm_ExchangeId__c"))))
            .Concat(Repeated("mailbox contact email", contacts.SelectMany(c => c.EmailAddresses.OfType<EmailEntry>().Select(e => e.Address.ToLowerInvariant()))))
            .Concat(Repeated("mailbox event", events.Select(e => $"{e.Subject} at {e.StartUtc:O}")))
            .Concat(Repeated("mailbox partner id", contacts.Concat<MailboxItem>(events).Select(PartnerId)))
            .ToList();

        return new EndState(
            Sorted(crmContacts.Select(c => Line(c, "FirstName", "LastName", "Email", "Title", "Phone", "MobilePhone", "Department"))),
            Sorted(crmEvents.Select(e => Line(e, "Subject", "StartDateTime", "EndDateTime", "IsAllDayEvent", "Location", "Description", "IsPrivate"))),
            Sorted(contacts.Select(c => string.Join(" | ", c.GivenName, c.Surname, string.Join(",", c.EmailAddresses.OfType<EmailEntry>().Select(e => e.Address)),
                c.JobTitle, c.CompanyName, c.Department, string.Join(",", c.BusinessPhones), c.MobilePhone))),
            Sorted(events.Select(e => string.Join(" | ", e.Subject, e.StartUtc.ToString("O", CultureInfo.InvariantCulture), e.EndUtc.ToString("O", CultureInfo.InvariantCulture),
                e.IsAllDay, e.Location, e.Body?.Content, e.Sensitivity, e.Attendees.Length))),
            duplicates);
    }

    /// <summary>Asserts the same records on both sides as <paramref name="expected"/>, naming the first lines that differ.</summary>
    public void AssertSameContentAs(EndState expected)
    {
        Same("CRM contacts", expected.CrmContacts, CrmContacts);
        Same("CRM events", expected.CrmEvents, CrmEvents);
        Same("mailbox contacts", expected.MailboxContacts, MailboxContacts);
        Same("mailbox events", expected.MailboxEvents, MailboxEvents);
    }

    private static void Same(string what, IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var missing = expected.Except(actual).Take(3).ToList();
        var extra = actual.Except(expected).Take(3).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{what}: {actual.Count} instead of {expected.Count}; missing [{string.Join("; ", missing)}]; unexpected [{string.Join("; ", extra)}]");
    }

    private static IEnumerable<string> Repeated(string what, IEnumerable<string?> keys) =>
        keys.OfType<string>().Where(k => k.Length > 0).GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{what} '{g.Key}' x{g.Count()}");

    private static string? PartnerId(MailboxItem item) =>
        item.ExtendedProperties.Values.FirstOrDefault(p => p.Key.Name == PartnerIdProperty)?.Value;

    private static string Line(SObjectRecord record, params string[] fields) => string.Join(" | ", fields.Select(f => Text(record, f)));

    private static string? Text(SObjectRecord record, string field) => record[field] switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };

    private static List<string> Sorted(IEnumerable<string> lines) => lines.Order(StringComparer.Ordinal).ToList();
}
