using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Tests.Connectors.Ews;
using OutlookCrm.Core.Tests.Connectors.Graph;
using static OutlookCrm.Core.Tests.Connectors.Graph.GraphFixtures;

namespace OutlookCrm.Core.Tests.Connectors;

/// <summary>
/// An id the add-in sends for one occurrence (or exception) of a recurring meeting stands for its
/// series: the connectors answer the series master's id, as the sync keys the series by it.
/// </summary>
public sealed class OccurrenceItemIdTests
{
    private const string OccurrenceRestId = "AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OAFRAAgI3UVEkmFAAEYAAAAAIkPFveuwe0ygY4MfaxVFEQcAIiLKjG2I7E-Xvk-ys6MD0wAAAAABDQAAIiLKjG2I7E-Xvk-ys6MD0wAAGG72QwAAEA==";
    private const string OccurrenceImmutableId = "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AIiLKjG2I7E-Xvk-ys6MD0wAAGG72QwAAEA==";
    private const string MasterImmutableId = "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AIiLKjG2I7E-Xvk-ys6MD0wAAGG72QwAA";

    [Theory]
    [InlineData("occurrence")]
    [InlineData("exception")]
    public async Task Graph_answers_the_series_masters_immutable_id_for_an_occurrence_after_one_read_of_the_translated_id(string type)
    {
        var fake = new FakeGraph();
        fake.On("POST", "/translateExchangeIds", _ => FakeAnswer.Json(JsonNode.Parse($$"""
            {"value":[{"sourceId":"{{OccurrenceRestId}}","targetId":"{{OccurrenceImmutableId}}"}]}
            """)!));
        fake.On("GET", "/events/", _ => FakeAnswer.Json(new JsonObject { ["id"] = OccurrenceImmutableId, ["type"] = type, ["seriesMasterId"] = MasterImmutableId }));
        var connector = fake.Connector();

        var first = await connector.SyncIdAsync(Mailbox, OccurrenceRestId, default);
        var again = await connector.SyncIdAsync(Mailbox, OccurrenceRestId, default);

        Assert.Equal((new OutlookSyncId(MasterImmutableId, OfSeries: true), first), (first, again));
        var read = Assert.Single(fake.Requests, r => r.Method == "GET");
        Assert.Contains($"/events/{OccurrenceImmutableId}?$select=id,type,seriesMasterId", read.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("IdType=\"ImmutableId\"", read.Header("Prefer"), StringComparison.Ordinal);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task When_translate_is_refused_the_one_read_names_the_series_master_too()
    {
        var fake = new FakeGraph();
        fake.On("POST", "/translateExchangeIds", _ => FakeAnswer.Error(403, "ErrorAccessDenied"));
        fake.On("GET", "/events/", _ => FakeAnswer.Json(new JsonObject { ["id"] = OccurrenceImmutableId, ["type"] = "occurrence", ["seriesMasterId"] = MasterImmutableId }));

        var syncId = await fake.Connector().SyncIdAsync(Mailbox, OccurrenceRestId, default);

        Assert.Equal(new OutlookSyncId(MasterImmutableId, OfSeries: true), syncId);
        Assert.Contains($"/events/{OccurrenceRestId}?$select=id,type,seriesMasterId", Assert.Single(fake.Requests, r => r.Method == "GET").PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ews_asks_one_GetItem_for_the_items_type_and_its_recurring_master_and_keeps_the_answer()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetItem", EwsAnswers.GetItem([
            """<t:CalendarItem><t:ItemId Id="AAMk/+Occ1==" ChangeKey="DwAA"/><t:CalendarItemType>Occurrence</t:CalendarItemType></t:CalendarItem>""",
            """<t:CalendarItem><t:ItemId Id="AAMk/+Master=" ChangeKey="DwAA"/><t:CalendarItemType>RecurringMaster</t:CalendarItemType></t:CalendarItem>""",
        ]));

        var first = await host.Connector.SyncIdAsync(EwsTestHost.Mailbox, "AAMk-_Occ1==", default);
        var again = await host.Connector.SyncIdAsync(EwsTestHost.Mailbox, "AAMk-_Occ1==", default);

        Assert.Equal((new OutlookSyncId("AAMk/+Master=", OfSeries: true), first), (first, again));
        var asked = Assert.Single(host.Server.Of("GetItem")).Body;
        var ids = asked.Element(EwsXml.M + "ItemIds")!.Elements().ToList();
        Assert.Equal(
            [(EwsXml.T + "ItemId", "AAMk/+Occ1=="), (EwsXml.T + "RecurringMasterItemId", "AAMk/+Occ1==")],
            ids.Select(e => (e.Name, (string?)e.Attribute("Id") ?? (string?)e.Attribute("OccurrenceId"))));
        Assert.Equal("IdOnly", asked.Descendants(EwsXml.T + "BaseShape").Single().Value);
        Assert.Equal("calendar:CalendarItemType", (string?)asked.Descendants(EwsXml.T + "FieldURI").Single().Attribute("FieldURI"));
        Assert.Equal(EwsTestHost.Mailbox, host.Server.Requests.Single().ImpersonatedSmtp);
    }

    [Theory]
    [InlineData("Single")]
    [InlineData("RecurringMaster")]
    public async Task Ews_answers_the_ews_form_of_a_single_meeting_or_a_master_whatever_exchange_says_of_its_master(string type)
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetItem", EwsAnswers.Envelope("GetItem",
            EwsAnswers.Success("GetItem", $"""<m:Items><t:CalendarItem><t:ItemId Id="AAMk/+AbTG93AAA=" ChangeKey="DwAA"/><t:CalendarItemType>{type}</t:CalendarItemType></t:CalendarItem></m:Items>""")
            + EwsAnswers.Error("GetItem", "ErrorInvalidOperation", "The item is not an occurrence of a series.")));

        var syncId = await host.Connector.SyncIdAsync(EwsTestHost.Mailbox, "AAMk-_AbTG93AAA=", default);

        Assert.Equal(new OutlookSyncId("AAMk/+AbTG93AAA="), syncId);
    }

    [Theory]
    [InlineData("ErrorItemNotFound")]
    [InlineData("ErrorInvalidIdMalformed")]
    public async Task Ews_an_id_exchange_refuses_is_an_item_id_error_with_its_code(string code)
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetItem", EwsAnswers.Envelope("GetItem",
            EwsAnswers.Error("GetItem", code, "The specified object was not found in the store.") + EwsAnswers.Error("GetItem", code, "The specified object was not found in the store.")));

        var error = await Assert.ThrowsAsync<OutlookItemIdException>(() => host.Connector.SyncIdAsync(EwsTestHost.Mailbox, "AAMk-_AbTG93AAA=", default));

        Assert.Equal(code, error.Code);
    }
}
