using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class EventLinkTests
{
    private const string ItemId = "AAMkAGI2/TG93+AAA=";

    [Fact]
    public async Task Link_upserts_by_exchange_id_then_adds_missing_and_removes_extra_relations()
    {
        var host = Host(withExternalId: true);
        host.Fake.On(HttpMethod.Patch, $"{FakeSalesforce.Data}/sobjects/Event/OutlookCrm_ExchangeId__c/", Reply.File("upsert-created.json", HttpStatusCode.Created));

        var link = await host.Connector.UpsertEventLinkAsync(ItemId, Request(["003RO0000000001AAA", "003RO0000000002AAA"]), CancellationToken.None);

        Assert.Equal(("00URO0000000001AAA", true), (link.CrmEventId, link.Created));
        var upsert = Assert.Single(host.Fake.Calls("sf.sobject.upsert"));
        Assert.EndsWith("/OutlookCrm_ExchangeId__c/AAMkAGI2%2FTG93%2BAAA%3D", upsert.Uri.AbsoluteUri);
        var record = JsonNode.Parse(upsert.Body!)!;
        Assert.Equal(("003RO0000000001AAA", "006RO0000000001AAA"), (record["WhoId"]!.GetValue<string>(), record["WhatId"]!.GetValue<string>()));

        var added = JsonNode.Parse(Assert.Single(host.Fake.Calls("sf.collections.create")).Body!)!["records"]!.AsArray();
        Assert.Equal("003RO0000000002AAA", Assert.Single(added)!["RelationId"]!.GetValue<string>());
        Assert.Equal("EventRelation", added[0]!["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal("0RERO0000000002AAA", Assert.Single(host.Fake.Calls("sf.collections.delete")).Param("ids"));
        Assert.Equal(["003RO0000000001AAA", "003RO0000000002AAA"], link.Relations.Select(r => r.RelationId).Order());
    }

    [Fact]
    public async Task Without_the_external_id_field_a_known_event_is_updated_in_place()
    {
        var host = Host(withExternalId: false);
        host.Fake.On(HttpMethod.Patch, $"{FakeSalesforce.Data}/sobjects/Event/00URO0000000001AAA", Reply.Json("", HttpStatusCode.NoContent));

        var link = await host.Connector.UpsertEventLinkAsync(ItemId,
            Request(["003RO0000000001AAA", "003RO0000000003AAA"]) with { KnownCrmEventId = "00URO0000000001AAA" }, CancellationToken.None);

        Assert.False(link.Created);
        Assert.Equal(1, host.CallsOf("sf.sobject.update"));
        Assert.Equal(0, host.CallsOf("sf.sobject.upsert") + host.CallsOf("sf.collections.create") + host.CallsOf("sf.collections.delete"));
    }

    [Fact]
    public async Task A_synced_event_gets_only_its_relations_not_the_panes_content()
    {
        var host = Host(withExternalId: true);
        host.Fake.On(HttpMethod.Patch, $"{FakeSalesforce.Data}/sobjects/Event/00URO0000000001AAA", Reply.Json("", HttpStatusCode.NoContent));

        await host.Connector.UpsertEventLinkAsync(ItemId,
            Request(["003RO0000000001AAA"]) with { KnownCrmEventId = "00URO0000000001AAA", OwnerId = "005RO0000000001AAA", RelationsOnly = true }, CancellationToken.None);

        var record = JsonNode.Parse(Assert.Single(host.Fake.Calls("sf.sobject.update")).Body!)!.AsObject();
        Assert.Equal(["WhatId", "WhoId"], record.Select(p => p.Key).Order());
        Assert.Equal(0, host.CallsOf("sf.sobject.upsert"));
    }

    [Theory]
    [InlineData("00QRO0000000001AAA,00QRO0000000002AAA")]
    [InlineData("00QRO0000000001AAA,003RO0000000001AAA")]
    [InlineData("001RO0000000001AAA")]
    public async Task Relations_beyond_shared_activities_limits_are_refused_before_any_call(string who)
    {
        var host = Host(withExternalId: true);

        await Assert.ThrowsAsync<ArgumentException>(() => host.Connector.UpsertEventLinkAsync(ItemId, Request(who.Split(',')), CancellationToken.None));

        Assert.Empty(host.Fake.Requests);
    }

    [Fact]
    public async Task Fifty_one_contacts_are_refused()
    {
        var host = Host(withExternalId: true);
        var who = Enumerable.Range(0, 51).Select(i => $"003RO{i:D10}AAA").ToArray();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Connector.UpsertEventLinkAsync(ItemId, Request(who), CancellationToken.None));

        Assert.Contains("50 contacts or one lead", ex.Message);
    }

    private static CrmEventLinkRequest Request(IReadOnlyList<string> who) => new(
        "Renewal call", new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero),
        false, "Teams", null, who, "006RO0000000001AAA");

    private static SalesforceTestHost Host(bool withExternalId)
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/sobjects/Event/describe",
            withExternalId ? Reply.File("describe-event-with-external-id.json") : Reply.Json("{\"name\":\"Event\",\"fields\":[]}"));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.File("event-relations.json"));
        host.Fake.On(HttpMethod.Post, $"{FakeSalesforce.Data}/composite/sobjects", Reply.File("collections-create-relations.json"));
        host.Fake.On(HttpMethod.Delete, $"{FakeSalesforce.Data}/composite/sobjects", Reply.File("collections-delete-one.json"));
        return host;
    }
}
