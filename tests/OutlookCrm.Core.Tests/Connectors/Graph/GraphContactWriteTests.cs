using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using static OutlookCrm.Core.Tests.Connectors.Graph.GraphFixtures;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

public sealed class GraphContactWriteTests
{
    private static Contact Crm(int i) => new()
    {
        GivenName = $"Given{i}", Surname = "Lee", Emails = [$"p{i}@fabrikam.com"], JobTitle = "CTO", PartnerId = $"003CRM{i}",
    };

    private static FakeGraph CreatingGraph()
    {
        var fake = new FakeGraph();
        fake.On("POST", "/users/alice@contoso.com/contacts", r =>
        {
            var body = JsonNode.Parse(r.Body!)!;
            var created = body.DeepClone();
            created["id"] = "new-" + body["givenName"]!.GetValue<string>();
            created["changeKey"] = "ck-new";
            return FakeAnswer.Json(created, 201);
        });
        return fake;
    }

    [Fact]
    public async Task Creating_1000_contacts_takes_at_most_50_batches_stamps_the_crm_id_and_keeps_4_in_flight()
    {
        var fake = CreatingGraph();
        fake.Latency = TimeSpan.FromMilliseconds(20);
        var writes = Enumerable.Range(0, 1000).Select(i => new WriteRequest<Contact>($"k{i}", WriteKind.Create, null, null, Crm(i))).ToList();

        var outcomes = await fake.Connector().Contacts.ApplyAsync(Scope, writes, default);

        Assert.InRange(fake.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)), 1, 50);
        Assert.Equal(1000, fake.SubRequests.Count);
        Assert.InRange(fake.MaxInFlight, 2, 4);
        Assert.Equal(writes.Select(w => w.Key).Order(), outcomes.Select(o => o.Key).Order());
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        var byKey = outcomes.ToDictionary(o => o.Key);
        Assert.Equal("new-Given17", byKey["k17"].Id);
        Assert.Equal("ck-new", byKey["k17"].Version);
        Assert.All(fake.SubRequests, r =>
        {
            var body = JsonNode.Parse(r.Body!)!;
            var stamp = Assert.Single(body["singleValueExtendedProperties"]!.AsArray());
            Assert.Equal(ExtendedProperties.PartnerId, stamp!["id"]!.GetValue<string>());
            Assert.Equal("003CRM" + body["givenName"]!.GetValue<string>()[5..], stamp["value"]!.GetValue<string>());
            Assert.Equal("application/json", r.Header("Content-Type"));
        });
    }

    [Fact]
    public async Task One_bad_item_in_a_batch_fails_alone_with_its_graph_error_code()
    {
        var fake = new FakeGraph();
        fake.On(r => r.Method == "POST" && r.Body!.Contains("Given3", StringComparison.Ordinal), _ =>
            FakeAnswer.Error(400, "ErrorInvalidProperty", "The value of the EmailAddress1 property is invalid."));
        fake.On("POST", "/contacts", _ => FakeAnswer.Json(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["changeKey"] = "ck" }, 201));
        var writes = Enumerable.Range(0, 5).Select(i => new WriteRequest<Contact>($"k{i}", WriteKind.Create, null, null, Crm(i))).ToList();

        var outcomes = (await fake.Connector().Contacts.ApplyAsync(Scope, writes, default)).ToDictionary(o => o.Key);

        Assert.Single(fake.Requests);
        Assert.Equal(4, outcomes.Values.Count(o => o.Succeeded));
        var bad = outcomes["k3"].Error!;
        Assert.Equal("ErrorInvalidProperty", bad.Code);
        Assert.Equal(WriteErrorKind.Item, bad.Kind);
        Assert.Contains("EmailAddress1", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_sub_request_is_resent_alone_no_sooner_than_its_retry_after()
    {
        var fake = new FakeGraph();
        var attempts = 0;
        fake.On(r => r.Method == "POST" && r.Body!.Contains("Given2", StringComparison.Ordinal), _ =>
            Interlocked.Increment(ref attempts) == 1
                ? FakeAnswer.Error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", new Dictionary<string, string> { ["Retry-After"] = "2" })
                : FakeAnswer.Json(new JsonObject { ["id"] = "id-2", ["changeKey"] = "ck-2" }, 201));
        fake.On("POST", "/contacts", _ => FakeAnswer.Json(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["changeKey"] = "ck" }, 201));
        var writes = Enumerable.Range(0, 5).Select(i => new WriteRequest<Contact>($"k{i}", WriteKind.Create, null, null, Crm(i))).ToList();

        var outcomes = (await fake.Connector().Contacts.ApplyAsync(Scope, writes, default)).ToDictionary(o => o.Key);

        var batches = fake.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, batches.Count);
        Assert.Single(JsonNode.Parse(batches[1].Body!)!["requests"]!.AsArray());
        Assert.True(batches[1].At - batches[0].At >= TimeSpan.FromSeconds(2), $"retried after {(batches[1].At - batches[0].At).TotalMilliseconds} ms");
        Assert.All(outcomes.Values, o => Assert.True(o.Succeeded));
        Assert.Equal("id-2", outcomes["k2"].Id);
    }

    [Fact]
    public async Task A_throttled_member_holds_the_other_batches_of_the_mailbox_until_its_retry_after()
    {
        var fake = new FakeGraph();
        var attempts = 0;
        fake.On(r => r.Method == "POST" && r.Body!.Contains("Given0", StringComparison.Ordinal), _ =>
            Interlocked.Increment(ref attempts) == 1
                ? FakeAnswer.Error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", new Dictionary<string, string> { ["Retry-After"] = "1" })
                : FakeAnswer.Json(new JsonObject { ["id"] = "id-0", ["changeKey"] = "ck-0" }, 201));
        fake.On("POST", "/contacts", _ => FakeAnswer.Json(new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["changeKey"] = "ck" }, 201));
        var writes = Enumerable.Range(0, 4).Select(i => new WriteRequest<Contact>($"k{i}", WriteKind.Create, null, null, Crm(i))).ToList();

        // One member per batch and one request at a time, so the other batches leave after the throttled one.
        var connector = fake.Connector(new GraphConnectorOptions { BatchSize = 1 }, limiter: new MailboxConcurrencyLimiter(1));
        var outcomes = await connector.Contacts.ApplyAsync(Scope, writes, default);

        var batches = fake.Requests.Where(r => r.Uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)).ToList();
        var throttled = batches.First(r => r.Body!.Contains("Given0", StringComparison.Ordinal));
        var later = batches.Where(r => r.At > throttled.At).ToList();
        Assert.Equal(5, batches.Count);
        Assert.NotEmpty(later);
        Assert.All(later, r => Assert.True(r.At - throttled.At >= TimeSpan.FromSeconds(1), $"sent {(r.At - throttled.At).TotalMilliseconds} ms after the throttled answer"));
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
    }

    [Fact]
    public async Task Throttling_beyond_the_inline_limit_comes_back_as_transient_with_its_retry_after()
    {
        var fake = new FakeGraph();
        fake.On("POST", "/contacts", _ => FakeAnswer.Error(429, "ApplicationThrottled", "slow down", new Dictionary<string, string> { ["Retry-After"] = "300" }));

        var outcome = Assert.Single(await fake.Connector().Contacts.ApplyAsync(Scope, [new WriteRequest<Contact>("k", WriteKind.Create, null, null, Crm(1))], default));

        Assert.Equal(WriteErrorKind.Transient, outcome.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(300), outcome.Error.RetryAfter);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Updates_patch_and_deletes_delete_by_id_and_a_delete_of_a_gone_item_succeeds()
    {
        var fake = new FakeGraph();
        fake.On("PATCH", "/contacts/c-1", _ => FakeAnswer.Json(new JsonObject { ["id"] = "c-1", ["changeKey"] = "ck-2" }));
        fake.On("DELETE", "/contacts/c-2", _ => new FakeAnswer(204));
        fake.On("DELETE", "/contacts/c-3", _ => FakeAnswer.Error(404, "ErrorItemNotFound", "The specified object was not found in the store."));
        fake.On("PATCH", "/contacts/c-4", _ => FakeAnswer.Error(404, "ErrorItemNotFound", "The specified object was not found in the store."));
        var cleared = Crm(1) with { JobTitle = null };

        var outcomes = (await fake.Connector().Contacts.ApplyAsync(Scope,
        [
            new WriteRequest<Contact>("u", WriteKind.Update, "c-1", "ck-1", cleared),
            new WriteRequest<Contact>("d", WriteKind.Delete, "c-2", null, null),
            new WriteRequest<Contact>("gone", WriteKind.Delete, "c-3", null, null),
            new WriteRequest<Contact>("missing", WriteKind.Update, "c-4", null, Crm(4)),
        ], default)).ToDictionary(o => o.Key);

        Assert.Equal("ck-2", outcomes["u"].Version);
        Assert.True(outcomes["d"].Succeeded);
        Assert.True(outcomes["gone"].Succeeded);
        Assert.Equal(WriteErrorKind.NotFound, outcomes["missing"].Error!.Kind);
        var patch = JsonNode.Parse(fake.SubRequests.Single(r => r.Method == "PATCH" && r.PathAndQuery.EndsWith("c-1", StringComparison.Ordinal)).Body!)!.AsObject();
        Assert.True(patch.ContainsKey("jobTitle"));
        Assert.Null(patch["jobTitle"]); // cleared in the CRM → cleared in Outlook
    }

    [Fact]
    public async Task A_sub_request_still_throttled_after_the_allowed_rounds_is_transient_and_others_are_kept()
    {
        var fake = new FakeGraph();
        fake.On(r => r.Method == "POST" && r.Body!.Contains("Given1", StringComparison.Ordinal), _ => FakeAnswer.Error(503, "ServiceUnavailable", "busy"));
        fake.On("POST", "/contacts", _ => FakeAnswer.Json(new JsonObject { ["id"] = "ok", ["changeKey"] = "ck" }, 201));
        var options = new GraphConnectorOptions { MaxBatchRetries = 2, DefaultRetryDelay = TimeSpan.FromMilliseconds(10) };

        var outcomes = (await fake.Connector(options).Contacts.ApplyAsync(Scope,
            [new WriteRequest<Contact>("a", WriteKind.Create, null, null, Crm(1)), new WriteRequest<Contact>("b", WriteKind.Create, null, null, Crm(2))], default))
            .ToDictionary(o => o.Key);

        Assert.Equal(3, fake.Requests.Count); // first send + 2 rounds for the throttled member only
        Assert.Equal(4, fake.SubRequests.Count);
        Assert.Equal(("ServiceUnavailable", WriteErrorKind.Transient), (outcomes["a"].Error!.Code, outcomes["a"].Error!.Kind));
        Assert.True(outcomes["b"].Succeeded);
    }

    [Fact]
    public async Task A_failed_batch_call_fails_each_member_with_graphs_code()
    {
        var outcomes = await new FakeBatchFailingGraph().Connector().Contacts.ApplyAsync(Scope,
            [new WriteRequest<Contact>("a", WriteKind.Create, null, null, Crm(1)), new WriteRequest<Contact>("b", WriteKind.Delete, "c-2", null, null)], default);

        Assert.All(outcomes, o => Assert.Equal(("InvalidAuthenticationToken", WriteErrorKind.Transient), (o.Error!.Code, o.Error.Kind)));
    }

    /// <summary>Answers the <c>$batch</c> call itself with 401, as Graph does when the token has expired.</summary>
    private sealed class FakeBatchFailingGraph : HttpMessageHandler, IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        public GraphMailboxConnector Connector() =>
            new(new GraphConnectionSettings { GraphUrl = FakeGraph.Root, Auth = new GraphAuthSettings { TenantId = "t", ClientId = "c", ClientSecret = "s" } },
                new StaticTokens(), this);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.EndsWith("$batch", request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("""{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired.","innerError":{}}}""", System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }
}
