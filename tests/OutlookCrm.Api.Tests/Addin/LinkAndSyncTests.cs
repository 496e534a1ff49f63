using System.Net;
using System.Text.Json;
using OutlookCrm.Emulators.Salesforce.Schema;

namespace OutlookCrm.Api.Tests.Addin;

/// <summary>
/// A meeting related in the task pane and also synced has one CRM Event, whichever comes first: the
/// pane sends Outlook's default id in REST form, the sync keys the meeting by its own id.
/// </summary>
public sealed class LinkAndSyncTests
{
    [Theory]
    [InlineData(ExchangeBackend.Graph, true)]
    [InlineData(ExchangeBackend.Ews, true)]
    [InlineData(ExchangeBackend.Graph, false)]
    public async Task Synced_first_then_related_in_the_pane_relates_the_syncs_event_and_the_next_run_writes_nothing(ExchangeBackend backend, bool externalIdField)
    {
        await using var world = await LinkWorld.StartAsync(backend, externalIdField);
        var first = await world.SyncAsync();
        var synced = Assert.Single(world.Events());
        Assert.Equal(1, first.Events.Created.Crm);

        using var response = await world.LinkAsync(world.RestIdOf(world.MeetingId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(synced.Id, await CrmEventIdAsync(response));
        var related = Assert.Single(world.Events());
        Assert.Equal((world.ContactId, world.OpportunityId), ((string?)related["WhoId"], (string?)related["WhatId"]));
        Assert.Equal(LinkWorld.MeetingBody, (string?)related["Description"]);     // the pane sends no body: the sync's content stays
        Assert.Equal([world.ContactId], world.RelatedPeople(related.Id));

        world.ClearJournals();
        var next = await world.SyncAsync();

        Assert.Equal((0L, 0L), world.Writes());
        Assert.Equal(0, next.Events.Updated.Total + next.Events.Created.Total + next.Events.Deleted.Total);
        AssertStillRelated(world, related.Id);
    }

    [Theory]
    [InlineData(ExchangeBackend.Graph, true)]
    [InlineData(ExchangeBackend.Ews, true)]
    [InlineData(ExchangeBackend.Graph, false)]
    public async Task Related_in_the_pane_first_then_synced_pairs_with_the_links_event_and_writes_nothing(ExchangeBackend backend, bool externalIdField)
    {
        await using var world = await LinkWorld.StartAsync(backend, externalIdField);

        using var response = await world.LinkAsync(world.RestIdOf(world.MeetingId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var linked = Assert.Single(world.Events());
        Assert.Equal(linked.Id, await CrmEventIdAsync(response));
        // Made as the sync makes it: the meeting as Exchange has it, stamped with the id the sync knows it by.
        Assert.Equal(LinkWorld.MeetingBody, (string?)linked["Description"]);
        Assert.Equal(externalIdField ? world.SyncIdOf(world.MeetingId) : null, (string?)linked[SalesforceSchema.ExchangeIdField]);

        world.ClearJournals();
        var first = await world.SyncAsync();
        var firstWrites = world.Writes();
        world.ClearJournals();
        await world.SyncAsync();

        Assert.Equal(1, first.Events.Matched);
        Assert.Equal(0, first.Events.Created.Total);
        Assert.Equal(0, firstWrites.Exchange);     // (the CRM side may take the attendees' relations once: decision 5)
        Assert.Equal((0L, 0L), world.Writes());
        Assert.Equal(linked.Id, Assert.Single(world.Events()).Id);
        AssertStillRelated(world, linked.Id);
        Assert.Empty(world.Exchange.MeetingMessages);
    }

    [Fact]
    public async Task Relating_again_before_and_after_the_first_run_changes_only_the_relations_of_the_same_event()
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Graph);
        var restId = world.RestIdOf(world.MeetingId);
        using var first = await world.LinkAsync(restId);

        using var before = await world.LinkAsync(restId);
        world.ClearJournals();
        var run = await world.SyncAsync();
        var runWrites = world.Writes();
        using var after = await world.LinkAsync(restId);
        world.ClearJournals();
        await world.SyncAsync();

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var id = await CrmEventIdAsync(first);
        Assert.Equal((id, id), (await CrmEventIdAsync(before), await CrmEventIdAsync(after)));
        Assert.Equal(LinkWorld.MeetingBody, (string?)Assert.Single(world.Events())["Description"]);
        Assert.Equal((1, 0L), (run.Events.Matched, runWrites.Exchange));
        Assert.Equal((0L, 0L), world.Writes());
    }

    [Fact]
    public async Task Unlinking_a_synced_meeting_keeps_its_event_and_the_outlook_meeting_and_takes_off_the_relations()
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Graph);
        await world.SyncAsync();
        var restId = world.RestIdOf(world.MeetingId);
        using var link = await world.LinkAsync(restId);

        using var unlink = await world.Alice.DeleteAsync($"/api/addin/events/{restId}/crm-link");
        using var gone = await world.Alice.GetAsync($"/api/addin/events/{restId}/crm-link");

        Assert.Equal(HttpStatusCode.NoContent, unlink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var kept = Assert.Single(world.Events());
        Assert.Equal((null, null), ((string?)kept["WhoId"], (string?)kept["WhatId"]));
        Assert.Empty(world.RelatedPeople(kept.Id));
        world.ClearJournals();
        await world.SyncAsync();
        Assert.Equal((0L, 0L), world.Writes());
        Assert.True(world.Exchange.Outlook(LinkWorld.Mailbox).Read(world.MeetingId) is { IsDeleted: false });
    }

    private static void AssertStillRelated(LinkWorld world, string eventId)
    {
        var crmEvent = Assert.Single(world.Events(), e => e.Id == eventId);
        Assert.Equal((world.ContactId, world.OpportunityId), ((string?)crmEvent["WhoId"], (string?)crmEvent["WhatId"]));
        Assert.Equal([world.ContactId], world.RelatedPeople(eventId));
    }

    private static async Task<string?> CrmEventIdAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("crmEventId").GetString();
    }
}
