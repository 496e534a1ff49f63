using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.Emulators.Tests.Salesforce;

public sealed class SalesforceSObjectTests(SalesforceFixture fixture) : SalesforceTestBase(fixture), IClassFixture<SalesforceFixture>
{
    [Fact]
    public async Task Create_get_update_delete_round_trip()
    {
        var (status, created) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact",
            """{"FirstName":"Bob","LastName":"Lee","Email":"bob@fabrikam.com","Title":"CTO"}""");
        Assert.Equal(201, status);
        Assert.True((bool)created!["success"]!);
        Assert.Empty(created["errors"]!.AsArray());
        var id = (string)created["id"]!;
        Assert.Matches("^003[0-9A-Za-z]{15}$", id);
        Assert.Equal(id, SalesforceIds.WithSuffix(id[..15]));

        var (_, record) = await GetAsync($"{V}/sobjects/Contact/{id[..15]}");
        Assert.Equal("Bob Lee", (string?)record!["Name"]);
        Assert.Equal(AliceId, (string?)record["OwnerId"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", (string)record["CreatedDate"]!);
        var stamp = (string)record["SystemModstamp"]!;

        Emulator.Org.AdvanceClock(TimeSpan.FromSeconds(2));
        var (patched, patchBody) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Contact/{id}", """{"Title":"CEO"}""");
        Assert.Equal(204, patched);
        Assert.Null(patchBody);
        var (_, after) = await GetAsync($"{V}/sobjects/Contact/{id}?fields=Title,SystemModstamp,LastModifiedDate");
        Assert.Equal("CEO", (string?)after!["Title"]);
        Assert.True(string.CompareOrdinal((string)after["SystemModstamp"]!, stamp) > 0);
        Assert.Null(after["Email"]);

        Assert.Equal(204, (await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Contact/{id}")).Status);
        AssertError(404, "NOT_FOUND", await GetAsync($"{V}/sobjects/Contact/{id}"));
        AssertError(404, "ENTITY_IS_DELETED", await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Contact/{id}", """{"Title":"x"}"""));
        AssertError(404, "ENTITY_IS_DELETED", await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Contact/{id}"));
    }

    [Fact]
    public async Task Upsert_by_external_id_answers_201_then_200_or_204_before_v46()
    {
        var url = $"{V}/sobjects/Contact/OutlookCrm_ExchangeId__c/AAMkADk%3D";
        var (status, body) = await SendAsync(HttpMethod.Patch, url, """{"LastName":"Lee","Email":"bob@fabrikam.com"}""");
        Assert.Equal(201, status);
        Assert.True((bool)body!["created"]!);
        var id = (string)body["id"]!;
        Assert.Equal("AAMkADk=", Emulator.GetRecord(id)!["OutlookCrm_ExchangeId__c"]);

        (status, body) = await SendAsync(HttpMethod.Patch, url, """{"Title":"CTO"}""");
        Assert.Equal(200, status);
        Assert.False((bool)body!["created"]!);
        Assert.Equal(id, (string?)body["id"]);

        (status, body) = await SendAsync(HttpMethod.Patch, url.Replace("v62.0", "v45.0"), """{"Title":"CEO"}""");
        Assert.Equal(204, status);
        Assert.Equal("CEO", Emulator.GetRecord(id)!["Title"]);
        Assert.Equal(1, Emulator.Count("Contact"));

        AssertError(404, "NOT_FOUND", await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Contact/Nickname__c/x", """{"LastName":"Lee"}"""));
        AssertError(404, "NOT_FOUND", await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Contact/OutlookCrm_ExchangeId__c/other?updateOnly=true", """{"LastName":"Lee"}"""));
        Assert.Equal(1, Emulator.Count("Contact"));

        var (oldStatus, oldBody) = await SendAsync(HttpMethod.Patch, $"/services/data/v45.0/sobjects/Contact/OutlookCrm_ExchangeId__c/older", """{"LastName":"Old"}""");
        Assert.Equal(201, oldStatus);
        Assert.Null(oldBody!["created"]);
    }

    [Fact]
    public async Task Validation_errors_use_salesforce_codes_and_statuses()
    {
        var missing = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"FirstName":"No last name"}""");
        AssertError(400, "REQUIRED_FIELD_MISSING", missing);
        Assert.Equal("LastName", (string?)missing.Body![0]!["fields"]![0]);
        Assert.Equal("Required fields are missing: [LastName]", (string?)missing.Body[0]!["message"]);

        var tooLong = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", $$"""{"LastName":"{{new string('x', 81)}}"}""");
        AssertError(400, "STRING_TOO_LONG", tooLong);
        Assert.Contains("(max length=80)", (string)tooLong.Body![0]!["message"]!);

        AssertError(400, "INVALID_EMAIL_ADDRESS", await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"Lee","Email":"not-an-address"}"""));
        AssertError(400, "MALFORMED_ID", await GetAsync($"{V}/sobjects/Contact/003notanid"));
        AssertError(400, "MALFORMED_ID", await GetAsync($"{V}/sobjects/Contact/{AliceId}"));
        AssertError(404, "NOT_FOUND", await GetAsync($"{V}/sobjects/Contact/{SalesforceIds.Create("003", 999_999)}"));
        AssertError(404, "NOT_FOUND", await GetAsync($"{V}/sobjects/Widget__c/{SalesforceIds.Create("003", 1)}"));
        AssertError(400, "INVALID_FIELD", await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"Lee","Nickname":"x"}"""));
        AssertError(400, "INVALID_FIELD_FOR_INSERT_UPDATE", await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"Lee","Name":"x"}"""));
        AssertError(400, "MALFORMED_ID", await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"Lee","AccountId":"bogus"}"""));
        AssertError(400, "JSON_PARSER_ERROR", await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"""));
    }

    [Fact]
    public async Task Duplicate_external_id_is_refused()
    {
        var first = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event",
            """{"Subject":"Call","StartDateTime":"2026-05-01T10:00:00.000+0000","EndDateTime":"2026-05-01T10:30:00Z","OutlookCrm_ExchangeId__c":"X1"}""");
        Assert.Equal(201, first.Status);
        var duplicate = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event",
            """{"Subject":"Call 2","StartDateTime":"2026-05-02T10:00:00Z","DurationInMinutes":15,"OutlookCrm_ExchangeId__c":"x1"}""");
        AssertError(400, "DUPLICATE_VALUE", duplicate);
        Assert.Contains((string)first.Body!["id"]!, (string)duplicate.Body![0]!["message"]!);
    }

    [Fact]
    public async Task Requests_beyond_the_daily_allowance_answer_403_REQUEST_LIMIT_EXCEEDED()
    {
        Emulator.Org.DailyApiMax = 3;
        var (_, limits) = await GetAsync($"{V}/limits");
        Assert.Equal(3, (int)limits!["DailyApiRequests"]!["Max"]!);
        Assert.Equal(2, (int)limits["DailyApiRequests"]!["Remaining"]!);
        await GetAsync($"{V}/limits");
        await GetAsync($"{V}/limits");
        AssertError(403, "REQUEST_LIMIT_EXCEEDED", await GetAsync($"{V}/limits"));
    }

    [Fact]
    public async Task Versions_and_limits_follow_the_documented_shapes()
    {
        using var response = await Anonymous.GetAsync("/services/data");
        var versions = (await ReadAsync(response)).AsArray();
        var v62 = versions.Single(v => (string?)v!["version"] == "62.0")!;
        Assert.Equal("/services/data/v62.0", (string?)v62["url"]);
        Assert.Equal("Winter '25", (string?)v62["label"]);

        AssertError(404, "NOT_FOUND", await GetAsync("/services/data/v7.0/limits"));
    }

    [Fact]
    public async Task Describe_lists_fields_with_types_and_flags()
    {
        var (status, describe) = await GetAsync($"{V}/sobjects/Contact/describe");
        Assert.Equal(200, status);
        Assert.Equal("003", (string?)describe!["keyPrefix"]);
        var fields = describe["fields"]!.AsArray().ToDictionary(f => (string)f!["name"]!);
        Assert.Equal("string", (string?)fields["LastName"]!["type"]);
        Assert.Equal(80, (int)fields["LastName"]!["length"]!);
        Assert.False((bool)fields["LastName"]!["nillable"]!);
        Assert.True((bool)fields["LastName"]!["createable"]!);
        Assert.Equal("email", (string?)fields["Email"]!["type"]);
        Assert.False((bool)fields["Name"]!["createable"]!);
        Assert.Equal("reference", (string?)fields["AccountId"]!["type"]);
        Assert.Equal("Account", (string?)fields["AccountId"]!["relationshipName"]);
        Assert.True((bool)fields["OutlookCrm_ExchangeId__c"]!["externalId"]!);
        Assert.True((bool)fields["OutlookCrm_ExchangeId__c"]!["idLookup"]!);
        Assert.False((bool)fields["Id"]!["updateable"]!);
    }

    [Fact]
    public async Task Seeding_without_external_id_fields_removes_them()
    {
        var seeded = Emulator.Seed(new SeedRequest
        {
            WithoutExternalIdFields = true,
            Users = [new JsonObject { ["Username"] = "bob@contoso.com", ["Email"] = "bob@contoso.com", ["LastName"] = "B", ["ref"] = "bob" }],
            Accounts = [new JsonObject { ["ref"] = "acme", ["Name"] = "Acme" }],
            Contacts = [new JsonObject { ["LastName"] = "Lee", ["AccountId"] = "@acme", ["OwnerId"] = "@bob" }],
        });
        Assert.Equal(1, seeded.Counts["Contact"]);
        var contact = Emulator.GetRecords("Contact").Single();
        Assert.Equal(seeded.Ids["acme"], contact["AccountId"]);
        Assert.Equal(seeded.Ids["bob"], contact["OwnerId"]);

        using var http = OutlookCrm.TestSupport.EmulatorHttp.Client(Emulator);
        http.DefaultRequestHeaders.Authorization = new("Bearer", Emulator.IssueAccessToken());
        using var describe = await http.GetAsync($"{V}/sobjects/Event/describe");
        var names = (await ReadAsync(describe))["fields"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
        Assert.Contains("Recurrence2PatternText", names);
        Assert.DoesNotContain(SalesforceSchemaField, names);
        using var upsert = await http.PatchAsync($"{V}/sobjects/Event/{SalesforceSchemaField}/abc", Json("""{"Subject":"x"}"""));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, upsert.StatusCode);
    }

    private const string SalesforceSchemaField = OutlookCrm.Emulators.Salesforce.Schema.SalesforceSchema.ExchangeIdField;

    [Fact]
    public async Task Events_derive_times_and_relate_to_at_most_50_contacts_or_one_lead()
    {
        var contacts = Enumerable.Range(0, 51).Select(i => CreateContact($"C{i}", $"c{i}@example.com")).ToList();
        var (status, created) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Event",
            $$"""{"Subject":"Review","StartDateTime":"2026-06-01T09:00:00Z","EndDateTime":"2026-06-01T10:30:00Z","WhoId":"{{contacts[0]}}","Location":"Room 1","ShowAs":"Busy","IsPrivate":false}""");
        Assert.Equal(201, status);
        var eventId = (string)created!["id"]!;
        Assert.StartsWith("00U", eventId);
        var stored = Emulator.GetRecord(eventId)!;
        Assert.Equal(90m, stored["DurationInMinutes"]);
        Assert.Equal(new DateOnly(2026, 6, 1), stored["ActivityDate"]);

        var relations = await QueryAsync($"SELECT Id, RelationId, IsInvitee FROM EventRelation WHERE EventId = '{eventId}'");
        Assert.Equal(1, (int)relations["totalSize"]!);
        Assert.StartsWith("0RE", (string)relations["records"]![0]!["Id"]!);

        for (var i = 1; i < 50; i++)
        {
            Assert.Equal(201, (await SendAsync(HttpMethod.Post, $"{V}/sobjects/EventRelation", $$"""{"EventId":"{{eventId}}","RelationId":"{{contacts[i]}}"}""")).Status);
        }

        AssertError(400, "FIELD_INTEGRITY_EXCEPTION",
            await SendAsync(HttpMethod.Post, $"{V}/sobjects/EventRelation", $$"""{"EventId":"{{eventId}}","RelationId":"{{contacts[50]}}"}"""));
        var lead = Emulator.CreateRecord("Lead", new JsonObject { ["LastName"] = "L", ["Company"] = "Co" });
        AssertError(400, "FIELD_INTEGRITY_EXCEPTION",
            await SendAsync(HttpMethod.Post, $"{V}/sobjects/EventRelation", $$"""{"EventId":"{{eventId}}","RelationId":"{{lead}}"}"""));
        Assert.Equal(201, (await SendAsync(HttpMethod.Post, $"{V}/sobjects/EventRelation",
            $$"""{"EventId":"{{eventId}}","RelationId":"{{lead}}","IsInvitee":true}""")).Status);

        Assert.Equal(204, (await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Event/{eventId}")).Status);
        Assert.Equal(0, (int)(await QueryAsync($"SELECT COUNT() FROM EventRelation WHERE EventId = '{eventId}'"))["totalSize"]!);
        Assert.Equal(51, (int)(await QueryAsync($"SELECT COUNT() FROM EventRelation WHERE EventId = '{eventId}'", "queryAll"))["totalSize"]!);
    }

    [Fact]
    public async Task Admin_edits_over_http_bump_SystemModstamp()
    {
        var id = CreateContact("Lee", "bob@fabrikam.com");
        var before = (DateTime)Emulator.GetRecord(id)!["SystemModstamp"]!;
        Emulator.Org.AdvanceClock(TimeSpan.FromSeconds(5));

        using var edit = await Anonymous.PostAsync($"/__admin/records/Contact/{id}", Json("""{"Title":"Edited in CRM"}"""));
        Assert.True(edit.IsSuccessStatusCode);
        var after = Emulator.GetRecord(id)!;
        Assert.Equal("Edited in CRM", after["Title"]);
        Assert.True((DateTime)after["SystemModstamp"]! > before);

        using var delete = await Anonymous.DeleteAsync($"/__admin/records/Contact/{id}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, delete.StatusCode);
        Assert.True(Emulator.GetRecord(id)!.IsDeleted);
    }

    [Fact]
    public async Task Shared_admin_reset_empties_the_org_but_keeps_the_builtin_admin_user()
    {
        CreateContact("Lee", "bob@fabrikam.com");
        using var reset = await Anonymous.PostAsync("/__admin/reset", null);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, Emulator.Count("Contact"));
        Assert.Equal(SalesforceEmulator.AdminUsername, Emulator.GetRecords("User").Single()["Username"]);
        AssertError(401, "INVALID_SESSION_ID", await GetAsync($"{V}/limits"));
    }

    [Fact]
    public async Task Admin_seed_over_http_registers_users_apps_and_records()
    {
        using var seed = await Anonymous.PostAsync("/__admin/seed", Json("""
            {"reset":true,"dailyApiMax":500,
             "apps":[{"clientId":"seeded-app","clientSecret":"s3cret","runAsUsername":"carol@contoso.com"}],
             "users":[{"Username":"carol@contoso.com","Email":"carol@contoso.com","LastName":"Carol","password":"pw","securityToken":"tok"}],
             "accounts":[{"ref":"fab","Name":"Fabrikam"}],
             "contacts":[{"LastName":"Lee","Email":"bob@fabrikam.com","AccountId":"@fab"}],
             "leads":[{"LastName":"New","Company":"Startup","Email":"new@startup.io"}],
             "opportunities":[{"Name":"Deal","StageName":"Prospecting","CloseDate":"2026-12-31","AccountId":"@fab"}]}
            """));
        Assert.True(seed.IsSuccessStatusCode, await seed.Content.ReadAsStringAsync());
        var body = await ReadAsync(seed);
        Assert.Equal(1, (int)body["counts"]!["Contact"]!);
        Assert.Equal(500, Emulator.Org.DailyApiMax);

        using var token = await Anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "seeded-app", ["client_secret"] = "s3cret", ["username"] = "carol@contoso.com", ["password"] = "pwtok",
        }));
        Assert.True(token.IsSuccessStatusCode);
    }
}
