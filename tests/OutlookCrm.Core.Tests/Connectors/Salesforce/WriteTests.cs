using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class WriteTests
{
    private const string Collections = $"{FakeSalesforce.Data}/composite/sobjects";

    [Fact]
    public async Task A_collection_of_200_with_one_invalid_record_gives_199_successes_and_one_item_error()
    {
        var host = Host(withExternalId: false);
        host.Fake.On(HttpMethod.Post, Collections, Reply.File("collections-create-200-one-invalid.json"));

        var outcomes = await host.Connector.Contacts.ApplyAsync(SalesforceTestHost.Scope, Creates(200), CancellationToken.None);

        Assert.Equal(200, outcomes.Count);
        Assert.Equal(199, outcomes.Count(o => o.Succeeded));
        var failed = Assert.Single(outcomes, o => !o.Succeeded);
        Assert.Equal("k57", failed.Key);
        Assert.Equal("INVALID_EMAIL_ADDRESS", failed.Error!.Code);
        Assert.Equal(WriteErrorKind.Item, failed.Error.Kind);
        Assert.Contains("Email", failed.Error.Message);
        var ok = outcomes.Single(o => o.Key == "k3");
        Assert.Equal("003RO0000000003AAA", ok.Id);
        Assert.Equal("", ok.Version); // save results carry no SystemModstamp: the next read of changes brings it

        var body = JsonNode.Parse(Assert.Single(host.Fake.Calls("sf.collections.create")).Body!)!;
        Assert.False(body["allOrNone"]!.GetValue<bool>());
        var first = body["records"]![0]!;
        Assert.Equal("Contact", first["attributes"]!["type"]!.GetValue<string>());
        Assert.Equal("005RO000001SwiUYAS", first["OwnerId"]!.GetValue<string>());
        Assert.Equal("Last0", first["LastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_thousand_creates_take_five_collection_calls_of_200()
    {
        var host = Host(withExternalId: false);
        host.Fake.Answer(HttpMethod.Post, Collections, _ => true, r => Reply.Json(SuccessesFor(r)));

        var outcomes = await host.Connector.Contacts.ApplyAsync(SalesforceTestHost.Scope, Creates(1000), CancellationToken.None);

        Assert.Equal(1000, outcomes.Count(o => o.Succeeded));
        Assert.Equal(5, host.CallsOf("sf.collections.create"));
        Assert.All(host.Fake.Calls("sf.collections.create"), c => Assert.Equal(200, JsonNode.Parse(c.Body!)!["records"]!.AsArray().Count));
        Assert.Equal(0, host.CallsOf("sf.query")); // no SystemModstamp read-back
    }

    [Fact]
    public async Task With_the_external_id_field_creates_are_idempotent_upserts_by_exchange_id()
    {
        var host = Host(withExternalId: true);
        host.Fake.Answer(HttpMethod.Patch, $"{Collections}/Contact/OutlookCrm_ExchangeId__c", _ => true, r => Reply.Json(SuccessesFor(r)));

        var outcomes = await host.Connector.Contacts.ApplyAsync(SalesforceTestHost.Scope, Creates(3), CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal(0, host.CallsOf("sf.collections.create"));
        var call = Assert.Single(host.Fake.Calls("sf.collections.upsert"));
        Assert.True(call.Idempotent);
        Assert.Equal("AAMkExchange1", JsonNode.Parse(call.Body!)!["records"]![1]!["OutlookCrm_ExchangeId__c"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spent_api_limit_fails_the_rest_of_the_batch_as_transient_without_more_calls()
    {
        var host = Host(withExternalId: false);
        host.Fake.On(HttpMethod.Post, Collections, Reply.Error("REQUEST_LIMIT_EXCEEDED", HttpStatusCode.Forbidden));

        var outcomes = await host.Connector.Contacts.ApplyAsync(SalesforceTestHost.Scope, Creates(450), CancellationToken.None);

        Assert.Equal(450, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(("REQUEST_LIMIT_EXCEEDED", WriteErrorKind.Transient), (o.Error!.Code, o.Error.Kind)));
        Assert.Equal(1, host.CallsOf("sf.collections.create"));
    }

    [Fact]
    public async Task Records_that_hit_a_row_lock_are_sent_again_alone()
    {
        var host = Host(withExternalId: false);
        host.Fake.On(HttpMethod.Post, Collections,
            Reply.Json("[{\"id\":\"003RO0000000000AAA\",\"success\":true,\"errors\":[]},"
                + "{\"success\":false,\"errors\":[{\"statusCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"unable to obtain exclusive access to this record\",\"fields\":[]}]}]"),
            Reply.Json("[{\"id\":\"003RO0000000001AAA\",\"success\":true,\"errors\":[]}]"));

        var outcomes = await host.Connector.Contacts.ApplyAsync(SalesforceTestHost.Scope, Creates(2), CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        var calls = host.Fake.Calls("sf.collections.create").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("Last1", Assert.Single(JsonNode.Parse(calls[1].Body!)!["records"]!.AsArray())!["LastName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ENTITY_IS_DELETED", WriteErrorKind.NotFound)]
    [InlineData("NOT_FOUND", WriteErrorKind.NotFound)]
    [InlineData("REQUEST_LIMIT_EXCEEDED", WriteErrorKind.Transient)]
    [InlineData("STRING_TOO_LONG", WriteErrorKind.Item)]
    [InlineData("DUPLICATE_VALUE", WriteErrorKind.Item)]
    [InlineData("REQUIRED_FIELD_MISSING", WriteErrorKind.Item)]
    public async Task Per_record_update_errors_map_to_the_engines_error_kinds(string code, WriteErrorKind kind)
    {
        var host = Host(withExternalId: false);
        host.Fake.On(HttpMethod.Patch, Collections,
            Reply.Json($"[{{\"success\":false,\"errors\":[{{\"statusCode\":\"{code}\",\"message\":\"m\",\"fields\":[]}}]}}]"));

        var outcome = Assert.Single(await host.Connector.Contacts.ApplyAsync(SalesforceTestHost.Scope,
            [new WriteRequest<Contact>("u1", WriteKind.Update, "003RO0000000001AAA", null, new Contact { Surname = "Lee" })], CancellationToken.None));

        Assert.Equal((code, kind), (outcome.Error!.Code, outcome.Error.Kind));
        var record = JsonNode.Parse(Assert.Single(host.Fake.Calls("sf.collections.update")).Body!)!["records"]![0]!;
        Assert.Equal("003RO0000000001AAA", record["id"]!.GetValue<string>());
        Assert.Null(record["OwnerId"]); // updates never move a record to another owner
    }

    [Fact]
    public async Task Deletes_go_as_one_collection_call_with_ids_and_an_already_deleted_one_is_not_found()
    {
        var host = Host(withExternalId: false);
        host.Fake.On(HttpMethod.Delete, Collections, Reply.Json(
            "[{\"id\":\"003RO0000000001AAA\",\"success\":true,\"errors\":[]},"
            + "{\"success\":false,\"errors\":[{\"statusCode\":\"ENTITY_IS_DELETED\",\"message\":\"entity is deleted\",\"fields\":[]}]}]"));

        var outcomes = await host.Connector.Contacts.ApplyAsync(SalesforceTestHost.Scope,
        [
            new WriteRequest<Contact>("d1", WriteKind.Delete, "003RO0000000001AAA", null, null),
            new WriteRequest<Contact>("d2", WriteKind.Delete, "003RO0000000002AAA", null, null),
            new WriteRequest<Contact>("d3", WriteKind.Delete, "not-an-id'", null, null),
        ], CancellationToken.None);

        var call = Assert.Single(host.Fake.Calls("sf.collections.delete"));
        Assert.Equal("003RO0000000001AAA,003RO0000000002AAA", call.Param("ids"));
        Assert.Equal("false", call.Param("allOrNone"));
        Assert.True(outcomes.Single(o => o.Key == "d1").Succeeded);
        Assert.Equal(WriteErrorKind.NotFound, outcomes.Single(o => o.Key == "d2").Error!.Kind);
        Assert.Equal("MALFORMED_ID", outcomes.Single(o => o.Key == "d3").Error!.Code);
    }

    private static SalesforceTestHost Host(bool withExternalId)
    {
        var host = new SalesforceTestHost();
        host.DescribeContact(withExternalId);
        return host;
    }

    private static List<WriteRequest<Contact>> Creates(int count) => Enumerable.Range(0, count)
        .Select(i => new WriteRequest<Contact>($"k{i}", WriteKind.Create, null, null,
            new Contact { GivenName = "First", Surname = $"Last{i}", Emails = [$"p{i}@example.com"], PartnerId = $"AAMkExchange{i}" }))
        .ToList();

    private static string SuccessesFor(Recorded request)
    {
        var records = JsonNode.Parse(request.Body!)!["records"]!.AsArray();
        var offset = int.Parse(records[0]!["LastName"]!.GetValue<string>()["Last".Length..]);
        return JsonSerializer.Serialize(Enumerable.Range(offset, records.Count)
            .Select(i => new { id = $"003RO{i:D10}AAA", success = true, errors = Array.Empty<object>() }));
    }
}
