using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>The Exchange <c>/__admin</c> surface: seed from JSON, "a person changed it in Outlook" edits, counts, meeting messages.</summary>
public sealed class ExchangeAdminTests : IAsyncLifetime
{
    private const string Carol = "carol@contoso.com";
    private readonly ExchangeHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_seed_file_creates_mailboxes_items_grants_and_an_occurrence_edit_is_visible_to_delta()
    {
        var seed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Exchange", "Fixtures", "exchange-seed.json"));
        var seeded = await host.Graph.PostAsync("/__admin/seed", new StringContent(seed, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        var ids = JsonNode.Parse(await seeded.Content.ReadAsStringAsync())!;
        var contactId = (string)ids["contacts"]![0]!;
        var seriesId = (string)ids["events"]![0]!;

        var mailboxes = JsonNode.Parse(await host.Ews.GetStringAsync("/__admin/mailboxes"))!.AsArray();
        var carol = mailboxes.Single(m => (string)m!["smtp"]! == Carol)!;
        Assert.Equal(1, (int)carol["contacts"]!);
        Assert.Equal(1, (int)carol["events"]!);

        var window = "startDateTime=2026-04-06T00:00:00Z&endDateTime=2026-04-11T00:00:00Z";
        var (_, first) = await host.GraphAsync(HttpMethod.Get, $"/users/{Carol}/calendarView/delta?{window}");
        Assert.Equal(4, first!["value"]!.AsArray().Count);

        var move = await host.Graph.PostAsJsonAsync($"/__admin/mailboxes/{Carol}/items/{seriesId}/move-occurrence",
            new { originalStart = "2026-04-09T16:00:00Z", start = "2026-04-09T20:00:00Z", end = "2026-04-09T20:15:00Z" });
        Assert.Equal(HttpStatusCode.NoContent, move.StatusCode);
        var edit = await host.Graph.PatchAsync($"/__admin/mailboxes/{Carol}/items/{contactId}",
            new StringContent("""{"jobTitle":"CFO"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var (_, delta) = await host.GraphAsync(HttpMethod.Get, (string)first["@odata.deltaLink"]!);
        var moved = delta!["value"]!.AsArray().Single(v => (string?)v!["type"] == "exception")!;
        Assert.Equal("2026-04-09T20:00:00.0000000", (string)moved["start"]!["dateTime"]!);
        var (_, contact) = await host.GraphAsync(HttpMethod.Get, $"/users/{Carol}/contacts/{contactId}");
        Assert.Equal("CFO", (string)contact!["jobTitle"]!);

        var bad = await host.Graph.PostAsync($"/__admin/mailboxes/{Carol}/items/{contactId}/edit",
            new StringContent("{\"noSuchProperty\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var (_, unchanged) = await host.GraphAsync(HttpMethod.Get, $"/users/{Carol}/contacts/{contactId}");
        Assert.Equal((string)contact["changeKey"]!, (string)unchanged!["changeKey"]!);
        var removed = await host.Graph.PostAsync($"/__admin/mailboxes/{Carol}/items/{contactId}/delete", null);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty(host.Exchange.MeetingMessages);
    }

    [Fact]
    public async Task Patching_or_deleting_a_meeting_through_Graph_records_an_update_and_a_cancellation()
    {
        var id = host.Exchange.Seed(new()
        {
            Events = [new() { Mailbox = Alice, Subject = "Review", Start = "2026-06-01T09:00:00Z", End = "2026-06-01T10:00:00Z", Attendees = [new() { Email = "dana@fabrikam.com" }] }],
        }).Events[0];

        await host.GraphAsync(HttpMethod.Patch, $"/users/{Alice}/events/{id}", new JsonObject { ["subject"] = "Review (moved)" });
        var (deleted, _) = await host.GraphAsync(HttpMethod.Delete, $"/users/{Alice}/events/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal([MeetingMessageKind.Update, MeetingMessageKind.Cancellation], host.Exchange.MeetingMessages.Select(m => m.Kind));
        var messages = JsonNode.Parse(await host.Graph.GetStringAsync("/__admin/meeting-messages"))!.AsArray();
        Assert.Equal(["update", "cancellation"], messages.Select(m => (string)m!["kind"]!));
    }

    [Fact]
    public async Task The_contacts_folder_path_names_the_same_collection()
    {
        host.Exchange.SeedContacts(Alice, 2);
        var (_, folders) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contactFolders");
        var folderId = (string)folders!["value"]![0]!["id"]!;

        var (_, delta) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contactFolders/{folderId}/contacts/delta");
        var (wrong, _) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contactFolders/{new ItemId(ItemIdKind.Folder, Guid.NewGuid(), Guid.NewGuid()).ToGraph()}/contacts/delta");

        Assert.Equal(2, delta!["value"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    [Fact]
    public async Task Reset_clears_the_store_and_refuses_old_tokens()
    {
        host.Exchange.SeedContacts(Alice, 2);
        var (_, first) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts/delta");
        var reset = await host.Ews.PostAsync("/__admin/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        host.Exchange.Store.AddMailbox(Alice);

        var (gone, _) = await host.GraphAsync(HttpMethod.Get, (string)first!["@odata.deltaLink"]!);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(0, host.Exchange.Count(Alice, FolderKind.Contacts));
    }
}
