using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OutlookCrm.Api.Sandbox;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Api.Tests.Sandbox;

public sealed class SandboxPreviewItemsTests : IDisposable
{
    private const string Alice = "alice@contoso.com";
    private readonly string data = Directory.CreateTempSubdirectory("outlookcrm-sandbox-preview-").FullName;

    [Fact]
    public async Task The_preview_gets_the_users_upcoming_demo_meetings_with_their_attendees_and_exchange_ids_and_needs_a_token()
    {
        await using var host = SandboxTestHost.Start(data);
        using var anonymous = await host.Client().GetAsync(SandboxPreviewItems.Path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var stranger = JsonDocument.Parse(await host.Client(await host.TokenAsync("dave@contoso.com")).GetStringAsync(SandboxPreviewItems.Path));
        Assert.Equal(0, stranger.RootElement.GetProperty("items").GetArrayLength());
        using var config = JsonDocument.Parse(await host.Client().GetStringAsync("/addin/config.json"));
        Assert.Equal(SandboxPreviewItems.Path, config.RootElement.GetProperty("previewItemsUrl").GetString());

        using var response = await host.Client(await host.TokenAsync(Alice)).GetAsync(SandboxPreviewItems.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = body.RootElement.GetProperty("items").EnumerateArray().ToList();
        var subjects = items.Select(i => i.GetProperty("subject").GetString()).ToList();
        var contact = DemoOrg.Contact(DemoOrg.ContactsOwnedBy(Alice).First());
        Assert.Equal([$"Account review with {contact.First} {contact.Last}", "Proposal walkthrough", "Team lunch"], subjects);

        var review = items[0];
        Assert.Equal(("demo-1", "appointment", "read"), (review.GetProperty("id").GetString(), review.GetProperty("itemType").GetString(), review.GetProperty("mode").GetString()));
        Assert.Equal(Alice, review.GetProperty("organizer").GetProperty("emailAddress").GetString());
        Assert.Equal(
            [(contact.Email, $"{contact.First} {contact.Last}"), ("partner@consulting.example", "Partner Consulting")],
            review.GetProperty("requiredAttendees").EnumerateArray().Select(a => (a.GetProperty("emailAddress").GetString(), a.GetProperty("displayName").GetString())));

        var mailbox = host.Emulators.Exchange.Store.FindMailbox(Alice)!;
        Assert.True(ItemId.TryParse(review.GetProperty("itemId").GetString(), out var id));
        var meeting = Assert.IsType<EventItem>(host.Emulators.Exchange.Store.Get(mailbox.Id, id.Item));
        Assert.Equal(review.GetProperty("subject").GetString(), meeting.Subject);
        // With an offset, so that JavaScript's Date reads the instant and not a local time.
        Assert.Matches("(Z|[+-]00:00)$", review.GetProperty("start").GetString());
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(meeting.StartUtc, DateTimeKind.Utc)), review.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(ItemIdKind.RestItem, id.Kind);          // Outlook's default id, not the immutable one the sync uses
    }

    [Fact]
    public async Task Relating_a_demo_meeting_from_the_preview_updates_the_crm_event_the_sync_made_for_it()
    {
        await using var host = SandboxTestHost.Start(data);
        var report = await host.SyncAsync(Alice);
        Assert.True(report.Events.Created.Crm > 0, $"events created in the CRM {report.Events.Created.Crm}");
        using var alice = host.Client(await host.TokenAsync(Alice));
        using var items = JsonDocument.Parse(await alice.GetStringAsync(SandboxPreviewItems.Path));
        var review = items.RootElement.GetProperty("items")[0];
        var subject = review.GetProperty("subject").GetString();
        var synced = Assert.Single(host.Emulators.Salesforce.GetRecords("Event"), e => (string?)e["Subject"] == subject);
        var contact = DemoOrg.Contact(DemoOrg.ContactsOwnedBy(Alice).First());
        var contactId = Assert.Single(host.Emulators.Salesforce.GetRecords("Contact"), c => (string?)c["Email"] == contact.Email).Id;
        // What the pane sends: Office's convertToRestId of Outlook's (default) item id; the sync knows the meeting by its immutable id.
        var restId = review.GetProperty("itemId").GetString()!.Replace('/', '-').Replace('+', '_');
        Assert.DoesNotContain(restId, host.Emulators.Salesforce.GetRecords("Event").Select(e => (string?)e["OutlookCrm_ExchangeId__c"]));

        using var response = await alice.PutAsJsonAsync($"/api/addin/events/{Uri.EscapeDataString(restId)}/crm-link", new
        {
            subject, start = review.GetProperty("start").GetString(), end = review.GetProperty("end").GetString(), isAllDay = false,
            attendees = new[] { contact.Email }, whoIds = new[] { contactId },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var link = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(synced.Id, link.RootElement.GetProperty("crmEventId").GetString());
        Assert.Single(host.Emulators.Salesforce.GetRecords("Event"), e => (string?)e["Subject"] == subject);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
