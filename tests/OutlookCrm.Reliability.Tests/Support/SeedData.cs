using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.Reliability.Tests.Support;

/// <summary>
/// The data a first sync starts from, the same every time for a given size: contacts and events that
/// exist only in the CRM, only in the mailbox, and in both (the same email; the same subject and times),
/// so the sync creates on both sides and matches the shared ones; then the same edits for a second run.
/// </summary>
public sealed record SeedData(int Contacts = 30, int Events = 15, int Shared = 3)
{
    /// <summary>Meetings start on the Monday after next (inside the event window, a year ahead of now), the same for the whole test run.</summary>
    private static readonly DateTime FirstDay = DateTime.UtcNow.Date.AddDays(8 - (int)DateTime.UtcNow.DayOfWeek);

    public void ApplyTo(ReliabilityWorld world)
    {
        var owner = world.CrmUserId;
        world.Salesforce.Seed(new SeedRequest
        {
            Contacts = Enumerable.Range(0, Contacts).Select(i => CrmContact($"Crm{i}", $"crm{i}@fabrikam.com", "Buyer", owner))
                .Concat(Enumerable.Range(0, Shared).Select(i => CrmContact($"Shared{i}", $"shared{i}@northwind.com", "Partner", owner)))
                .ToList(),
            Events = Enumerable.Range(0, Events).Select(i => CrmEvent($"CRM meeting {i}", FirstDay.AddDays(i).AddHours(9), owner))
                .Concat(Enumerable.Range(0, Shared).Select(i => CrmEvent($"Shared review {i}", FirstDay.AddDays(i).AddHours(11), owner)))
                .ToList(),
        });
        world.Exchange.Seed(new SeedDocument
        {
            Contacts = Enumerable.Range(0, Contacts).Select(i => OutlookContact($"Outlook{i}", $"outlook{i}@contoso-partners.com", "Engineer"))
                .Concat(Enumerable.Range(0, Shared).Select(i => OutlookContact($"Shared{i}", $"shared{i}@northwind.com", "Partner (Outlook)")))
                .ToList(),
            Events = Enumerable.Range(0, Events).Select(i => OutlookEvent($"Outlook meeting {i}", FirstDay.AddDays(i).AddHours(14)))
                .Concat(Enumerable.Range(0, Shared).Select(i => OutlookEvent($"Shared review {i}", FirstDay.AddDays(i).AddHours(11))))
                .ToList(),
        });
    }

    /// <summary>
    /// What people do between two runs, on both sides: edit a few contacts and meetings, delete some,
    /// add new ones — so a second run updates, deletes and creates in both directions.
    /// </summary>
    public void ChangeBothSides(ReliabilityWorld world)
    {
        var sf = world.Salesforce;
        var crmContacts = sf.GetRecords("Contact").ToDictionary(r => (string)r["Email"]!, r => r.Id, StringComparer.OrdinalIgnoreCase);
        var crmEvents = sf.GetRecords("Event").ToDictionary(r => (string)r["Subject"]!, r => r.Id, StringComparer.Ordinal);
        foreach (var i in Enumerable.Range(0, 4))
        {
            sf.EditRecord("Contact", crmContacts[$"crm{i}@fabrikam.com"], new JsonObject { ["Title"] = "Director" });
        }

        sf.EditRecord("Event", crmEvents["CRM meeting 0"], new JsonObject { ["Location"] = "Room 9" });
        sf.DeleteRecord(crmContacts["crm5@fabrikam.com"]);
        sf.DeleteRecord(crmEvents["CRM meeting 1"]);
        sf.Seed(new SeedRequest
        {
            Contacts = Enumerable.Range(0, 3).Select(i => CrmContact($"NewCrm{i}", $"newcrm{i}@fabrikam.com", "Analyst", world.CrmUserId)).ToList(),
            Events = [CrmEvent("New CRM meeting", FirstDay.AddDays(1).AddHours(16), world.CrmUserId)],
        });

        var outlook = world.Exchange.Outlook(ReliabilityWorld.Mailbox);
        var box = outlook.Mailbox;
        var items = world.Exchange.Store.List(box.Id, FolderKind.Contacts)
            .Concat(world.Exchange.Store.List(box.Id, FolderKind.Calendar)).Where(i => !i.IsDeleted).ToList();
        string Id(Func<MailboxItem, bool> match) =>
            new ItemId(ItemIdKind.Item, box.Id, items.Single(match).Key).ToGraph();
        static bool HasEmail(MailboxItem item, string email) =>
            item is ContactItem c && c.EmailAddresses.Any(e => e?.Address == email);
        foreach (var i in Enumerable.Range(0, 4))
        {
            outlook.EditContact(Id(item => HasEmail(item, $"outlook{i}@contoso-partners.com")), c => c with { JobTitle = "Architect" });
        }

        outlook.EditEvent(Id(item => item is EventItem { Subject: "Outlook meeting 0" }), e => e with { Location = "Room 7" });
        outlook.Delete(Id(item => HasEmail(item, "outlook5@contoso-partners.com")));
        outlook.Delete(Id(item => item is EventItem { Subject: "Outlook meeting 1" }));
        foreach (var i in Enumerable.Range(0, 3))
        {
            outlook.CreateContact(OutlookContact($"NewOutlook{i}", $"newoutlook{i}@contoso-partners.com", "Designer"));
        }

        outlook.CreateEvent(OutlookEvent("New Outlook meeting", FirstDay.AddDays(2).AddHours(16)));

        // Salesforce reports changes by the minute: let the change window pass for the CRM and the product alike.
        world.Wait(TimeSpan.FromMinutes(2));
    }

    public static JsonObject CrmContact(string firstName, string email, string title, string owner) => new()
    {
        ["FirstName"] = firstName, ["LastName"] = "Person", ["Email"] = email, ["Title"] = title,
        ["Phone"] = "+1 555 0100", ["OwnerId"] = owner,
    };

    public static JsonObject CrmEvent(string subject, DateTime start, string owner) => new()
    {
        ["Subject"] = subject, ["StartDateTime"] = Utc(start), ["EndDateTime"] = Utc(start.AddMinutes(30)),
        ["DurationInMinutes"] = 30, ["Location"] = "Room 1", ["OwnerId"] = owner,
    };

    public static SeedContact OutlookContact(string givenName, string email, string title) => new()
    {
        Mailbox = ReliabilityWorld.Mailbox, GivenName = givenName, Surname = "Person", EmailAddresses = [email], JobTitle = title,
        BusinessPhones = ["+1 555 0199"],
    };

    public static SeedEvent OutlookEvent(string subject, DateTime start) => new()
    {
        Mailbox = ReliabilityWorld.Mailbox, Subject = subject, Start = Utc(start), End = Utc(start.AddMinutes(30)),
        Location = "Room 2", Organizer = ReliabilityWorld.Mailbox,
    };

    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
