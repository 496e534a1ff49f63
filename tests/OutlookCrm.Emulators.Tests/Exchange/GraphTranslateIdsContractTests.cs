using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary><c>POST /users/{id}/translateExchangeIds</c> as the Graph reference documents it, on the raw wire.</summary>
public sealed class GraphTranslateIdsContractTests : IAsyncLifetime
{
    private readonly ExchangeHost host = new();
    private string token = "";

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        token = host.GraphToken(roles: ["Calendars.ReadWrite", "User.Read.All"]);
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Default_rest_ids_become_the_immutable_ids_Graph_returns_with_the_ImmutableId_preference_in_order()
    {
        var immutable = new[] { Meeting("Review"), Meeting("Lunch") };
        var rest = new List<string>();
        foreach (var id in immutable)
        {
            var (_, read) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/events/{id}?$select=id", prefer: null);
            rest.Add((string)read!["id"]!);
        }

        var (response, body) = await TranslateAsync(rest, "restId", "restImmutableEntryId");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(rest.Zip(immutable), p => Assert.NotEqual(p.First, p.Second));
        var results = body!["value"]!.AsArray();
        Assert.Equal(rest, results.Select(r => (string)r!["sourceId"]!));
        Assert.Equal(immutable, results.Select(r => (string)r!["targetId"]!));
        Assert.All(results, r => Assert.Null(r!["errorDetails"]));
        Assert.EndsWith("$metadata#Collection(microsoft.graph.convertIdResult)", (string)body["@odata.context"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ews_rest_and_the_binary_formats_round_trip()
    {
        var immutable = Meeting("Review");

        var ews = await TranslateOneAsync(immutable, "restImmutableEntryId", "ewsId");
        var rest = await TranslateOneAsync(ews, "ewsId", "restId");
        var entry = await TranslateOneAsync(rest, "restId", "immutableEntryId");
        var back = await TranslateOneAsync(entry, "immutableEntryId", "restImmutableEntryId");

        Assert.Equal(rest.Replace('-', '/').Replace('_', '+'), ews);           // EWS and REST: the same bytes, two base64 alphabets
        Assert.DoesNotContain('=', entry);
        Assert.Contains(entry[^1], "012");                                      // binary formats: no padding, its length appended
        Assert.Equal(immutable, back);
    }

    [Fact]
    public async Task A_bad_id_fails_on_its_own_with_its_error_code_and_the_others_translate()
    {
        var mine = Meeting("Review");
        var gone = Meeting("Cancelled");
        Assert.True(host.Exchange.Outlook(Alice).Delete(gone));
        var bobs = host.Exchange.Outlook(Bob).CreateEvent(new SeedEvent { Subject = "Bob's", Start = "2026-09-01T10:00:00", End = "2026-09-01T11:00:00" });

        var (response, body) = await TranslateAsync(["not an id", mine, gone, bobs, mine[..36] + "ABCD" + mine[40..]], "restImmutableEntryId", "restId");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = body!["value"]!.AsArray().Select(r => (string?)r!["errorDetails"]?["code"]).ToList();
        Assert.Equal(["ErrorInvalidIdMalformed", null, "ErrorItemNotFound", "ErrorItemNotFound", "ErrorItemNotFound"], codes);
        Assert.NotNull(body["value"]![1]!["targetId"]);
        Assert.Null(body["value"]![0]!["targetId"]);
    }

    [Fact]
    public async Task An_id_of_another_format_than_the_stated_source_is_malformed()
    {
        var immutable = Meeting("Review");

        var (_, body) = await TranslateAsync([immutable, immutable.Replace('-', '/').Replace('_', '+')], "restId", "restImmutableEntryId");

        Assert.All(body!["value"]!.AsArray(), r => Assert.Equal("ErrorInvalidIdMalformed", (string)r!["errorDetails"]!["code"]!));
    }

    [Fact]
    public async Task Requests_outside_the_documented_shape_are_refused()
    {
        var id = Meeting("Review");

        var (tooMany, tooManyBody) = await TranslateAsync(Enumerable.Repeat(id, 1001).ToList(), "restId", "restImmutableEntryId");
        var (none, _) = await TranslateAsync([], "restId", "restImmutableEntryId");
        var (badType, badTypeBody) = await TranslateAsync([id], "restId", "graphId");
        var (noIds, _) = await host.GraphAsync(HttpMethod.Post, $"/users/{Alice}/translateExchangeIds",
            new JsonObject { ["sourceIdType"] = "restId", ["targetIdType"] = "ewsId" }, token: token);
        var (get, _) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/translateExchangeIds", token: token);

        Assert.Equal((HttpStatusCode.BadRequest, "ErrorInvalidRequest"), (tooMany.StatusCode, (string)tooManyBody!["error"]!["code"]!));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "RequestBodyRead"), (badType.StatusCode, (string)badTypeBody!["error"]!["code"]!));
        Assert.Contains("graphId", (string)badTypeBody["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noIds.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task An_app_without_a_user_read_permission_or_outside_the_access_policy_is_denied()
    {
        host.Exchange.Seed(new SeedDocument { Apps = [new SeedApp { ClientId = SyncApp, Mailboxes = [Bob] }] });
        var id = Meeting("Review");
        var body = new JsonObject { ["inputIds"] = new JsonArray(id), ["sourceIdType"] = "restImmutableEntryId", ["targetIdType"] = "restId" };

        var (calendarsOnly, calendarsOnlyBody) = await host.GraphAsync(HttpMethod.Post, $"/users/{Bob}/translateExchangeIds", body.DeepClone(), token: host.GraphToken());
        var (outsidePolicy, outsideBody) = await host.GraphAsync(HttpMethod.Post, $"/users/{Alice}/translateExchangeIds", body.DeepClone(), token: token);

        Assert.Equal((HttpStatusCode.Forbidden, "ErrorAccessDenied"), (calendarsOnly.StatusCode, (string)calendarsOnlyBody!["error"]!["code"]!));
        Assert.Equal((HttpStatusCode.Forbidden, "ErrorAccessDenied"), (outsidePolicy.StatusCode, (string)outsideBody!["error"]!["code"]!));
    }

    private string Meeting(string subject) =>
        host.Exchange.Outlook(Alice).CreateEvent(new SeedEvent { Subject = subject, Start = "2026-09-01T10:00:00", End = "2026-09-01T11:00:00" });

    private async Task<string> TranslateOneAsync(string id, string source, string target)
    {
        var (response, body) = await TranslateAsync([id], source, target);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)body!["value"]![0]!["targetId"]!;
    }

    private Task<(HttpResponseMessage Response, JsonNode? Body)> TranslateAsync(IReadOnlyList<string> ids, string source, string target) =>
        host.GraphAsync(HttpMethod.Post, $"/users/{Alice}/translateExchangeIds", new JsonObject
        {
            ["inputIds"] = new JsonArray(ids.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
            ["sourceIdType"] = source,
            ["targetIdType"] = target,
        }, token: token);
}
