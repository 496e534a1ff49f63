using System.Globalization;
using OutlookCrm.Emulators.Exchange.Admin;

namespace OutlookCrm.Api.Sandbox;

/// <summary>
/// The three demo mailboxes: a few contacts shared with the CRM by e-mail and a few personal ones,
/// and meetings — single, all-day, private and a weekly series — with CRM and non-CRM attendees.
/// </summary>
public static class DemoMailboxes
{
    public static SeedDocument Seed(DateTime today, string graphAppId)
    {
        var seed = new SeedDocument
        {
            Apps = [new SeedApp { ClientId = graphAppId, Mailboxes = [.. DemoOrg.Salespeople] }],
        };
        foreach (var mailbox in DemoOrg.Salespeople)
        {
            var name = char.ToUpperInvariant(mailbox[0]) + mailbox[1..mailbox.IndexOf('@')];
            seed.Mailboxes.Add(new SeedMailbox { Smtp = mailbox, DisplayName = $"{name} Contoso" });
            var crm = DemoOrg.ContactsOwnedBy(mailbox).Select(DemoOrg.Contact).ToList();
            foreach (var shared in crm.Take(3))
            {
                seed.Contacts.Add(new SeedContact
                {
                    Mailbox = mailbox, GivenName = shared.First, Surname = shared.Last, DisplayName = $"{shared.First} {shared.Last}",
                    CompanyName = shared.Account is { } a ? DemoOrg.Accounts[a].Name : null, EmailAddresses = [shared.Email],
                });
            }

            seed.Contacts.Add(Personal(mailbox, "Sam", "Rivera", $"sam.rivera@{Ref(mailbox)}-friends.example", "+1 425 555 0142"));
            seed.Contacts.Add(Personal(mailbox, "Jo", "Plumber", "jo@fixit-plumbing.example", "+1 425 555 0199"));

            var colleague = DemoOrg.Salespeople.First(s => s != mailbox);
            var day = today.AddDays(1);
            seed.Events.Add(Meeting(mailbox, $"Account review with {crm[0].First} {crm[0].Last}", day.AddHours(10), 60,
                Attendee(crm[0].Email, $"{crm[0].First} {crm[0].Last}"), Attendee("partner@consulting.example", "Partner Consulting")));
            seed.Events.Add(Meeting(mailbox, "Proposal walkthrough", day.AddDays(1).AddHours(14), 45,
                Attendee(crm[1].Email, $"{crm[1].First} {crm[1].Last}"), Attendee(crm[2].Email, $"{crm[2].First} {crm[2].Last}"), Attendee(colleague, null)));
            seed.Events.Add(Meeting(mailbox, "Team lunch", day.AddDays(2).AddHours(12), 60, Attendee(colleague, null)));
            seed.Events.Add(new SeedEvent
            {
                Mailbox = mailbox, Subject = "Trade show", Start = Local(day.AddDays(5)), End = Local(day.AddDays(6)), IsAllDay = true,
                Location = "Convention Center", ShowAs = "free", Organizer = mailbox,
            });
            seed.Events.Add(Meeting(mailbox, "Dentist", day.AddDays(3).AddHours(8), 60, sensitivity: "private"));
            var series = Meeting(mailbox, "Weekly pipeline review", NextMonday(today).AddHours(9), 30,
                Attendee(crm[3].Email, $"{crm[3].First} {crm[3].Last}"), Attendee(colleague, null));
            series.Recurrence = new SeedRecurrence { Type = "weekly", DaysOfWeek = ["monday"], RangeType = "numbered", NumberOfOccurrences = 8 };
            seed.Events.Add(series);
        }

        return seed;
    }

    private static SeedContact Personal(string mailbox, string first, string last, string email, string mobile) => new()
    {
        Mailbox = mailbox, GivenName = first, Surname = last, DisplayName = $"{first} {last}", EmailAddresses = [email], MobilePhone = mobile,
    };

    private static SeedEvent Meeting(string mailbox, string subject, DateTime start, int minutes, params SeedAttendee[] attendees) =>
        Meeting(mailbox, subject, start, minutes, "normal", attendees);

    private static SeedEvent Meeting(string mailbox, string subject, DateTime start, int minutes, string sensitivity, params SeedAttendee[] attendees) => new()
    {
        Mailbox = mailbox, Subject = subject, Start = Local(start), End = Local(start.AddMinutes(minutes)), TimeZone = "UTC",
        Location = attendees.Length > 1 ? "Teams" : "Office", Sensitivity = sensitivity, Organizer = mailbox, Attendees = [.. attendees],
    };

    private static SeedAttendee Attendee(string email, string? name) => new() { Email = email, Name = name, Response = "accepted" };

    private static DateTime NextMonday(DateTime today)
    {
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(days == 0 ? 7 : days);
    }

    private static string Local(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    private static string Ref(string email) => email[..email.IndexOf('@')];
}
