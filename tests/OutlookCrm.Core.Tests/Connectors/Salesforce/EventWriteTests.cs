using System.Text.Json.Nodes;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class EventWriteTests
{
    private const string Collections = $"{FakeSalesforce.Data}/composite/sobjects";

    [Fact]
    public async Task Event_creates_upsert_by_exchange_id_with_owner_and_all_day_shape()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/sobjects/Event/describe", Reply.File("describe-event-with-external-id.json"));
        host.Fake.On(HttpMethod.Patch, $"{Collections}/Event/OutlookCrm_ExchangeId__c",
            Reply.Json("[{\"id\":\"00URO0000000001AAA\",\"success\":true,\"errors\":[],\"created\":true}]"));
        var offsite = new CalendarEvent
        {
            Subject = "Offsite", IsAllDay = true, StartDate = new DateOnly(2026, 12, 1), EndDate = new DateOnly(2026, 12, 3), PartnerId = "AAMkEvent1",
        };

        var outcome = Assert.Single(await host.Connector.Events.ApplyAsync(SalesforceTestHost.Scope,
            [new WriteRequest<CalendarEvent>("e1", WriteKind.Create, null, null, offsite)], CancellationToken.None));

        // Save results carry no SystemModstamp; the version comes with the next read of changes (no read-back query).
        Assert.Equal(("00URO0000000001AAA", ""), (outcome.Id, outcome.Version));
        Assert.Equal(0, host.CallsOf("sf.query"));
        var record = JsonNode.Parse(Assert.Single(host.Fake.Calls("sf.collections.upsert")).Body!)!["records"]![0]!;
        Assert.Equal(("Event", "AAMkEvent1", "005RO000001SwiUYAS"),
            (record["attributes"]!["type"]!.GetValue<string>(), record["OutlookCrm_ExchangeId__c"]!.GetValue<string>(), record["OwnerId"]!.GetValue<string>()));
        Assert.Equal(("2026-12-01", 2880), (record["ActivityDate"]!.GetValue<string>(), record["DurationInMinutes"]!.GetValue<int>()));
    }
}
