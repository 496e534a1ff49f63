using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Tests.Salesforce;

public sealed class SalesforceQueryTests(SalesforceFixture fixture) : SalesforceTestBase(fixture), IClassFixture<SalesforceFixture>
{
    [Fact]
    public async Task Query_pages_through_nextRecordsUrl_in_batches_of_2000()
    {
        Emulator.SeedContacts(4500);

        var first = await QueryAsync("SELECT Id, Email FROM Contact");
        Assert.Equal(4500, (int)first["totalSize"]!);
        Assert.False((bool)first["done"]!);
        Assert.Equal(2000, first["records"]!.AsArray().Count);
        var next = (string)first["nextRecordsUrl"]!;
        Assert.Matches(@"^/services/data/v62\.0/query/01g[0-9A-Za-z]{15}-2000$", next);

        var ids = new HashSet<string>(first["records"]!.AsArray().Select(r => (string)r!["Id"]!));
        var pages = 1;
        while (next is not null)
        {
            var (status, body) = await GetAsync(next);
            Assert.Equal(200, status);
            pages++;
            foreach (var record in body!["records"]!.AsArray())
            {
                Assert.True(ids.Add((string)record!["Id"]!));
            }

            next = (string?)body["nextRecordsUrl"];
            Assert.Equal(next is null, (bool)body["done"]!);
        }

        Assert.Equal(3, pages);
        Assert.Equal(4500, ids.Count);
    }

    [Fact]
    public async Task Query_honours_the_batchSize_query_option_and_refuses_unknown_locators()
    {
        Emulator.SeedContacts(700);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{V}/query?q={Uri.EscapeDataString("SELECT Id FROM Contact")}");
        request.Headers.Add("Sforce-Query-Options", "batchSize=300");
        using var response = await Http.SendAsync(request);
        var body = await ReadAsync(response);
        Assert.Equal(300, body["records"]!.AsArray().Count);
        Assert.EndsWith("-300", (string)body["nextRecordsUrl"]!);

        AssertError(400, "INVALID_QUERY_LOCATOR", await GetAsync($"{V}/query/01g8d0000000000AAA-2000"));
    }

    [Fact]
    public async Task Where_supports_comparison_in_like_and_or_not_parentheses_and_null()
    {
        var acme = Emulator.CreateRecord("Account", new JsonObject { ["Name"] = "Acme" });
        CreateContact("Adams", "adams@acme.com", acme, "Ann");
        CreateContact("Baker", "baker@acme.com", acme);
        CreateContact("Clark", null);
        CreateContact("Davis", "davis@other.org", firstName: "Dan");

        async Task<string[]> Names(string where) =>
            (await QueryAsync($"SELECT LastName FROM Contact WHERE {where} ORDER BY LastName"))["records"]!.AsArray()
                .Select(r => (string)r!["LastName"]!).ToArray();

        Assert.Equal(["Baker"], await Names("Email = 'BAKER@acme.com'"));
        Assert.Equal(["Adams", "Baker", "Davis"], await Names("Email != null"));
        Assert.Equal(["Clark"], await Names("Email = NULL"));
        Assert.Equal(["Clark", "Davis"], await Names("LastName > 'Baker'"));
        Assert.Equal(["Adams", "Baker"], await Names("LastName <= 'Baker'"));
        Assert.Equal(["Adams", "Davis"], await Names("LastName IN ('Adams', 'Davis', 'Nobody')"));
        Assert.Equal(["Baker", "Clark"], await Names("LastName NOT IN ('Adams', 'Davis')"));
        Assert.Equal(["Adams", "Baker"], await Names("Email LIKE '%@acme.com'"));
        Assert.Equal(["Adams", "Davis"], await Names("(FirstName = 'Ann' OR FirstName = 'Dan') AND Email != null"));
        Assert.Equal(["Baker", "Clark"], await Names("NOT (FirstName = 'Ann' OR FirstName = 'Dan')"));
        Assert.Equal(["Adams", "Baker"], await Names($"AccountId = '{acme[..15]}'"));
    }

    [Fact]
    public async Task String_literals_follow_salesforce_escapes_including_like_wildcards()
    {
        CreateContact("OBrien", "o'brien@example.com");
        Emulator.CreateRecord("Contact", new JsonObject { ["LastName"] = "Back", ["Title"] = @"a\b" });
        Emulator.CreateRecord("Contact", new JsonObject { ["LastName"] = "Percent", ["Title"] = "100%_x discount" });
        Emulator.CreateRecord("Contact", new JsonObject { ["LastName"] = "Plain", ["Title"] = "100abx discount" });

        var quote = await QueryAsync(@"SELECT LastName, Email FROM Contact WHERE Email = 'o\'brien@example.com'");
        Assert.Equal("OBrien", (string?)quote["records"]![0]!["LastName"]);
        using var raw = await Http.GetAsync($"{V}/query?q={Uri.EscapeDataString("SELECT Email FROM Contact WHERE LastName = 'OBrien'")}");
        Assert.Contains("\"o'brien@example.com\"", await raw.Content.ReadAsStringAsync());

        var backslash = await QueryAsync(@"SELECT LastName FROM Contact WHERE Title = 'a\\b'");
        Assert.Equal("Back", (string?)backslash["records"]![0]!["LastName"]);

        var escapedLike = await QueryAsync(@"SELECT LastName FROM Contact WHERE Title LIKE '100\%\_x%'");
        Assert.Equal(["Percent"], escapedLike["records"]!.AsArray().Select(r => (string)r!["LastName"]!));

        var wildcardLike = await QueryAsync("SELECT LastName FROM Contact WHERE Title LIKE '100__x%' ORDER BY LastName");
        Assert.Equal(["Percent", "Plain"], wildcardLike["records"]!.AsArray().Select(r => (string)r!["LastName"]!));

        AssertError(400, "MALFORMED_QUERY", await GetAsync($"{V}/query?q={Uri.EscapeDataString(@"SELECT Id FROM Contact WHERE Title = 'bad\qescape'")}"));
    }

    [Fact]
    public async Task A_semi_join_filters_by_the_ids_its_subquery_selects()
    {
        var ids = Emulator.Seed(new OutlookCrm.Emulators.Salesforce.Admin.SeedRequest
        {
            Accounts = [new JsonObject { ["ref"] = "a", ["Name"] = "Fabrikam" }, new JsonObject { ["ref"] = "b", ["Name"] = "Contoso" }],
            Contacts = [new JsonObject { ["LastName"] = "Lee", ["Email"] = "lee@fabrikam.com", ["AccountId"] = "@a" }],
        }).Ids;

        var joined = await QueryAsync("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email IN ('lee@fabrikam.com'))");
        var anti = await QueryAsync("SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact WHERE Email = 'lee@fabrikam.com') AND Name = 'Contoso'");

        Assert.Equal(["Fabrikam"], joined["records"]!.AsArray().Select(r => (string?)r!["Name"]));
        Assert.Equal(["Contoso"], anti["records"]!.AsArray().Select(r => (string?)r!["Name"]));
        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public async Task Relationship_fields_come_back_as_nested_records()
    {
        var acme = Emulator.CreateRecord("Account", new JsonObject { ["Name"] = "Acme" });
        CreateContact("Adams", "adams@acme.com", acme);
        CreateContact("Orphan", "orphan@nowhere.com");

        var result = await QueryAsync("SELECT Id, Name, Account.Name, Owner.Email FROM Contact ORDER BY LastName");
        var adams = result["records"]![0]!;
        Assert.Equal("Contact", (string?)adams["attributes"]!["type"]);
        Assert.StartsWith("/services/data/v62.0/sobjects/Contact/003", (string?)adams["attributes"]!["url"]);
        Assert.Equal("Acme", (string?)adams["Account"]!["Name"]);
        Assert.Equal("Account", (string?)adams["Account"]!["attributes"]!["type"]);
        Assert.Equal(SalesforceEmulatorAdmin, (string?)adams["Owner"]!["Email"]);
        Assert.Null(result["records"]![1]!["Account"]);
        Assert.True(((JsonObject)result["records"]![1]!).ContainsKey("Account"));

        var filtered = await QueryAsync("SELECT LastName FROM Contact WHERE Account.Name = 'Acme'");
        Assert.Equal(1, (int)filtered["totalSize"]!);
    }

    private const string SalesforceEmulatorAdmin = OutlookCrm.Emulators.Salesforce.SalesforceEmulator.AdminUsername;

    [Fact]
    public async Task Dates_booleans_order_by_nulls_limit_offset_and_count()
    {
        var acme = Emulator.CreateRecord("Account", new JsonObject { ["Name"] = "Acme" });
        foreach (var (name, stage, close, amount) in new[]
        {
            ("A", "Prospecting", "2026-01-10", (decimal?)100m), ("B", "Closed Won", "2026-02-10", null),
            ("C", "Closed Lost", "2026-03-10", 300m), ("D", "Qualification", "2026-04-10", 50m),
        })
        {
            var fields = new JsonObject { ["Name"] = name, ["StageName"] = stage, ["CloseDate"] = close, ["AccountId"] = acme };
            if (amount is { } a)
            {
                fields["Amount"] = a;
            }

            Emulator.CreateRecord("Opportunity", fields);
        }

        async Task<string[]> Names(string soql) =>
            (await QueryAsync(soql))["records"]!.AsArray().Select(r => (string)r!["Name"]!).ToArray();

        Assert.Equal(["B", "C"], await Names("SELECT Name FROM Opportunity WHERE IsClosed = true ORDER BY Name"));
        Assert.Equal(["C", "D"], await Names("SELECT Name FROM Opportunity WHERE CloseDate >= 2026-03-01 ORDER BY Name"));
        Assert.Equal(["C", "A", "D", "B"], await Names("SELECT Name FROM Opportunity ORDER BY Amount DESC NULLS LAST"));
        Assert.Equal(["B", "D", "A", "C"], await Names("SELECT Name FROM Opportunity ORDER BY Amount ASC NULLS FIRST"));
        Assert.Equal(["B", "C"], await Names("SELECT Name FROM Opportunity ORDER BY Name LIMIT 2 OFFSET 1"));
        Assert.Equal(["A", "B", "C", "D"], await Names($"SELECT Name FROM Opportunity WHERE CreatedDate < {DateTime.UtcNow.AddDays(1):yyyy-MM-dd}T00:00:00Z ORDER BY Name"));
        Assert.Equal(["A", "B", "C", "D"], await Names("SELECT Name FROM Opportunity WHERE CreatedDate = TODAY ORDER BY Name"));

        var count = await QueryAsync("SELECT COUNT() FROM Opportunity WHERE StageName LIKE 'Closed%'");
        Assert.Equal(2, (int)count["totalSize"]!);
        Assert.Empty(count["records"]!.AsArray());

        AssertError(400, "INVALID_FIELD", await GetAsync($"{V}/query?q={Uri.EscapeDataString("SELECT Id FROM Opportunity WHERE CloseDate > '2026-01-01'")}"));
        AssertError(400, "INVALID_FIELD", await GetAsync($"{V}/query?q={Uri.EscapeDataString("SELECT Id FROM Opportunity WHERE IsClosed = 'true'")}"));
    }

    [Fact]
    public async Task QueryAll_sees_deleted_rows_and_query_does_not()
    {
        var gone = CreateContact("Gone", "gone@example.com");
        CreateContact("Kept", "kept@example.com");
        Emulator.DeleteRecord(gone);

        var live = await QueryAsync("SELECT Id, IsDeleted FROM Contact");
        Assert.Equal(1, (int)live["totalSize"]!);

        var all = await QueryAsync("SELECT Id, IsDeleted FROM Contact ORDER BY LastName", "queryAll");
        Assert.Equal(2, (int)all["totalSize"]!);
        Assert.Equal(gone, (string?)all["records"]![0]!["Id"]);
        Assert.True((bool)all["records"]![0]!["IsDeleted"]!);
    }

    [Theory]
    [InlineData("SELECT Id FRM Contact", "MALFORMED_QUERY", "unexpected token: FRM")]
    [InlineData("SELECT Id FROM Contact WHERE", "MALFORMED_QUERY", "unexpected token: <EOF>")]
    [InlineData("SELECT Id FROM Contact WHERE LastName = 'a' AND FirstName = 'b' OR Email = 'c'", "MALFORMED_QUERY", "unexpected token: OR")]
    [InlineData("SELECT Id, Nickname FROM Contact", "INVALID_FIELD", "No such column 'Nickname' on entity 'Contact'.")]
    [InlineData("SELECT Id, Boss.Name FROM Contact", "INVALID_FIELD", "Didn't understand relationship 'Boss' in field path.")]
    [InlineData("SELECT Id FROM Widget__c", "INVALID_TYPE", "sObject type 'Widget__c' is not supported.")]
    public async Task Bad_queries_answer_salesforce_errors(string soql, string code, string messagePart)
    {
        var answer = await GetAsync($"{V}/query?q={Uri.EscapeDataString(soql)}");
        AssertError(400, code, answer);
        var message = (string)answer.Body![0]!["message"]!;
        Assert.Contains(messagePart, message);
        Assert.Matches(@"ERROR at Row:1:Column:\d+", message);
    }

    [Fact]
    public async Task Sosl_finds_contacts_and_leads_by_email()
    {
        CreateContact("Lee", "bob@fabrikam.com", firstName: "Bob");
        CreateContact("Other", "notbob@fabrikam.com");
        Emulator.CreateRecord("Lead", new JsonObject { ["LastName"] = "Lead", ["Company"] = "Fabrikam", ["Email"] = "bob@fabrikam.com" });
        Emulator.CreateRecord("Lead", new JsonObject { ["LastName"] = "Jones", ["Company"] = "Contoso", ["Email"] = "jo@contoso.com" });

        var search = Uri.EscapeDataString("FIND {bob@fabrikam.com OR jo@contoso.com} IN EMAIL FIELDS RETURNING Contact(Id, Name, Email), Lead(Id, Email, Company)");
        var (status, body) = await GetAsync($"{V}/search?q={search}");

        Assert.Equal(200, status);
        var records = body!["searchRecords"]!.AsArray();
        Assert.Equal(3, records.Count);
        Assert.Equal("Contact", (string?)records[0]!["attributes"]!["type"]);
        Assert.Equal("Bob Lee", (string?)records[0]!["Name"]);
        Assert.Equal(["Fabrikam", "Contoso"], records.Skip(1).Select(r => (string)r!["Company"]!));

        var malformed = await GetAsync($"{V}/search?q={Uri.EscapeDataString("FIND bob RETURNING Contact")}");
        AssertError(400, "MALFORMED_SEARCH", malformed);
    }
}
