using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Tests.Connectors.Graph;
using static OutlookCrm.Core.Tests.Connectors.Graph.GraphFixtures;

namespace OutlookCrm.Core.Tests.Connectors;

/// <summary>The REST id the add-in sends, turned into the id the sync keys events by: Graph's immutable id (occurrences: OccurrenceItemIdTests).</summary>
public sealed class OutlookItemIdTests
{
    private const string RestId = "AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAENAAAiIsqMbYjsT5e-T7KzowPTAAAYbvZDAAA=";
    private const string ImmutableId = "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AIiLKjG2I7E-Xvk-ys6MD0wAAGG72QwAA";

    [Fact]
    public async Task Translates_with_the_documented_request_reads_the_type_once_and_answers_again_from_memory()
    {
        var fake = new FakeGraph();
        fake.On("POST", "/users/alice@contoso.com/translateExchangeIds", _ => FakeAnswer.Json(JsonNode.Parse($$"""
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.convertIdResult)",
             "value":[{"sourceId":"{{RestId}}","targetId":"{{ImmutableId}}"}]}
            """)!));
        fake.On("GET", "/events/", _ => FakeAnswer.Json(new JsonObject { ["id"] = ImmutableId, ["type"] = "singleInstance", ["seriesMasterId"] = null }));
        var connector = fake.Connector();

        var first = await connector.SyncIdAsync(Mailbox, RestId, default);
        var again = await connector.SyncIdAsync("Alice@Contoso.com", RestId, default);

        Assert.Equal((new OutlookSyncId(ImmutableId), new OutlookSyncId(ImmutableId)), (first, again));
        var read = Assert.Single(fake.Requests, r => r.Method == "GET");
        Assert.Contains($"/events/{ImmutableId}?$select=id,type,seriesMasterId", read.PathAndQuery, StringComparison.Ordinal);
        var request = Assert.Single(fake.Requests, r => r.Method == "POST");
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal([RestId], body["inputIds"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(("restId", "restImmutableEntryId"), ((string)body["sourceIdType"]!, (string)body["targetIdType"]!));
    }

    [Fact]
    public async Task A_failed_id_is_an_item_id_error_with_graphs_code()
    {
        var fake = new FakeGraph();
        fake.On("POST", "/translateExchangeIds", _ => FakeAnswer.Json(JsonNode.Parse($$$"""
            {"value":[{"sourceId":"{{{RestId}}}","errorDetails":{"code":"ErrorInvalidIdMalformed","message":"Id is malformed."}}]}
            """)!));

        var error = await Assert.ThrowsAsync<OutlookItemIdException>(() => fake.Connector().SyncIdAsync(Mailbox, RestId, default));

        Assert.Equal("ErrorInvalidIdMalformed", error.Code);
    }

    [Fact]
    public async Task When_translate_is_refused_to_the_app_the_event_is_read_with_the_ImmutableId_preference_from_then_on()
    {
        var fake = new FakeGraph();
        fake.On("POST", "/translateExchangeIds", _ => FakeAnswer.Error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."));
        fake.On("GET", "/events/", r => FakeAnswer.Json(new JsonObject { ["id"] = r.PathAndQuery.Contains(RestId, StringComparison.Ordinal) ? ImmutableId : "other-immutable" }));
        var connector = fake.Connector();

        var first = await connector.SyncIdAsync(Mailbox, RestId, default);
        var second = await connector.SyncIdAsync(Mailbox, RestId[..^4] + "AAB=", default);

        Assert.Equal((ImmutableId, "other-immutable"), (first.Id, second.Id));
        Assert.Single(fake.Requests, r => r.Method == "POST");
        var reads = fake.Requests.Where(r => r.Method == "GET").ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Contains("IdType=\"ImmutableId\"", r.Header("Prefer"), StringComparison.Ordinal));
        Assert.EndsWith("?$select=id,type,seriesMasterId", reads[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_graph_does_not_know_is_an_item_id_error_on_the_read_too()
    {
        var fake = new FakeGraph();
        fake.On("POST", "/translateExchangeIds", _ => FakeAnswer.Error(403, "ErrorAccessDenied"));
        fake.On("GET", "/events/", _ => FakeAnswer.Error(404, "ErrorItemNotFound", "The specified object was not found in the store."));

        var error = await Assert.ThrowsAsync<OutlookItemIdException>(() => fake.Connector().SyncIdAsync(Mailbox, RestId, default));

        Assert.Equal(OutlookItemIdException.NotFound, error.Code);
    }

    [Theory]
    [InlineData("AAMkAGI2TG93AAA=", true)]
    [InlineData("AAMk-_Ab", true)]
    [InlineData("AAMkAGI2/TG93AAA=", false)]   // EWS alphabet
    [InlineData("AAMkAGI2TG93AA", false)]      // not padded
    [InlineData("AAMk=AAA", false)]
    [InlineData("", false)]
    public void Rest_ids_are_url_safe_padded_base64(string id, bool wellFormed) => Assert.Equal(wellFormed, RestItemId.IsWellFormed(id));
}
