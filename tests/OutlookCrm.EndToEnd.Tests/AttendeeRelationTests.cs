using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce.Admin;
using static OutlookCrm.EndToEnd.Tests.EventSyncTests;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>Attendees who are CRM contacts or leads become the event's EventRelations, and follow the meeting's attendee list.</summary>
public sealed class AttendeeRelationTests
{
    private static readonly DateTime Monday = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task An_attendee_who_is_a_crm_contact_becomes_an_event_relation_and_leaves_with_the_attendee(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        var ids = world.Salesforce.Seed(new SeedRequest
        {
            Contacts =
            [
                new JsonObject { ["ref"] = "carl", ["FirstName"] = "Carl", ["LastName"] = "Contact", ["Email"] = "Carl@Fabrikam.com" },
                new JsonObject { ["ref"] = "dora", ["FirstName"] = "Dora", ["LastName"] = "Linked", ["Email"] = "dora@fabrikam.com" },
            ],
            Leads =
            [
                new JsonObject { ["ref"] = "lena", ["LastName"] = "Lead", ["Company"] = "Prospect", ["Email"] = "lena@prospect.com" },
                new JsonObject { ["ref"] = "leo", ["LastName"] = "Lead", ["Company"] = "Prospect", ["Email"] = "leo@prospect.com" },
            ],
        }).Ids;
        world.Exchange.Seed(new SeedDocument
        {
            Events =
            [
                Meeting("Pricing call", Monday, "carl@fabrikam.com", "lena@prospect.com", "nobody@nowhere.test"),
                Meeting("Intro", Monday.AddDays(1), "leo@prospect.com"),
            ],
        });

        var first = await world.SyncAsync();

        Assert.True(first.Events.Errors.Count == 0, string.Join("; ", first.Events.Errors.Select(e => $"{e.Code}: {e.Message}")));
        var pricing = CrmEvent(world, "Pricing call");
        Assert.Equal(world.CrmUserId, pricing["OwnerId"]);   // the organizer (the mailbox's user) owns it
        Assert.Equal([ids["carl"]], Relations(world, pricing.Id));
        Assert.Equal([ids["leo"]], Relations(world, CrmEvent(world, "Intro").Id));
        Assert.Contains(first.Events.Losses, l => l.What.Contains("lena@prospect.com", StringComparison.Ordinal) && l.What.Contains("lead", StringComparison.Ordinal));
        Assert.Contains(first.Events.Losses, l => l.What == "attendee nobody@nowhere.test matches no CRM contact or lead");
        Assert.Empty(world.Exchange.MeetingMessages);

        // A person links Dora by hand; then Carl leaves the meeting in Outlook.
        world.Salesforce.CreateRecord("EventRelation", new JsonObject { ["EventId"] = pricing.Id, ["RelationId"] = ids["dora"], ["IsParent"] = true });
        var outlook = world.Exchange.Outlook(SyncWorld.Mailbox);
        var item = world.ExchangeItems<EventItem>().Single(e => e.Subject == "Pricing call");
        Assert.True(outlook.EditEvent(world.OutlookId(item), e => e with { Attendees = e.Attendees.RemoveAll(a => a.Email.Address.StartsWith("carl", StringComparison.Ordinal)) }));
        world.Wait(TimeSpan.FromMinutes(2));
        var removed = await world.SyncAsync();

        Assert.Equal(1, removed.Events.Updated.Crm);
        Assert.Equal([ids["dora"]], Relations(world, pricing.Id));

        world.Wait(TimeSpan.FromMinutes(2));
        world.ClearJournals();
        var third = await world.SyncAsync();
        Assert.Equal(0, third.Events.Writes);
        Assert.Equal((0L, 0L), world.Writes());
    }

    private static SeedEvent Meeting(string subject, DateTime start, params string[] attendees)
    {
        var meeting = OutlookEvent(subject, start);
        meeting.Attendees = attendees.Select(a => new SeedAttendee { Email = a, Name = a.Split('@')[0] }).ToList();
        return meeting;
    }

    private static Emulators.Salesforce.Store.SObjectRecord CrmEvent(SyncWorld world, string subject) =>
        world.CrmRecords("Event").Single(e => (string?)e["Subject"] == subject);

    private static List<string> Relations(SyncWorld world, string eventId) =>
        world.CrmRecords("EventRelation").Where(r => (string?)r["EventId"] == eventId && r["IsParent"] is true)
            .Select(r => (string)r["RelationId"]!).Order().ToList();
}
