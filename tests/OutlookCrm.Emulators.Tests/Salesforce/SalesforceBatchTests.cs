using System.Text;
using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Tests.Salesforce;

public sealed class SalesforceBatchTests(SalesforceFixture fixture) : SalesforceTestBase(fixture), IClassFixture<SalesforceFixture>
{
    private static string Records(int count, int invalidAt, bool allOrNone)
    {
        var json = new StringBuilder($$"""{"allOrNone":{{(allOrNone ? "true" : "false")}},"records":[""");
        for (var i = 0; i < count; i++)
        {
            json.Append(i > 0 ? "," : "");
            json.Append(i == invalidAt
                ? $$"""{"attributes":{"type":"Contact"},"FirstName":"Missing{{i}}"}"""
                : $$"""{"attributes":{"type":"Contact"},"LastName":"Batch{{i}}","Email":"batch{{i}}@example.com"}""");
        }

        return json.Append("]}").ToString();
    }

    [Fact]
    public async Task Collection_create_of_200_with_one_invalid_record_saves_the_other_199()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/composite/sobjects", Records(200, 57, allOrNone: false));

        Assert.Equal(200, status);
        var results = body!.AsArray();
        Assert.Equal(200, results.Count);
        Assert.False((bool)results[57]!["success"]!);
        Assert.Equal("REQUIRED_FIELD_MISSING", (string?)results[57]!["errors"]![0]!["statusCode"]);
        Assert.Equal("LastName", (string?)results[57]!["errors"]![0]!["fields"]![0]);
        Assert.All(results.Where((_, i) => i != 57), r => Assert.True((bool)r!["success"]!));
        Assert.Equal(199, Emulator.Count("Contact"));
        Assert.Equal("Batch58", Emulator.GetRecord((string)results[58]!["id"]!)!["LastName"]);
    }

    [Fact]
    public async Task Collection_create_with_allOrNone_rolls_everything_back()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/composite/sobjects", Records(200, 150, allOrNone: true));

        Assert.Equal(200, status);
        var results = body!.AsArray();
        Assert.Equal("REQUIRED_FIELD_MISSING", (string?)results[150]!["errors"]![0]!["statusCode"]);
        Assert.All(results.Where((_, i) => i != 150), r =>
        {
            Assert.False((bool)r!["success"]!);
            Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", (string?)r["errors"]![0]!["statusCode"]);
        });
        Assert.Equal(0, Emulator.Count("Contact"));
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_see_a_consistent_store()
    {
        var writers = Enumerable.Range(0, 6).Select(async w =>
        {
            for (var call = 0; call < 5; call++)
            {
                var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/composite/sobjects", Records(100, -1, allOrNone: true));
                Assert.Equal(200, status);
                Assert.All(body!.AsArray(), r => Assert.True((bool)r!["success"]!));
            }
        });
        var reader = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var count = (int)(await QueryAsync("SELECT COUNT() FROM Contact"))["totalSize"]!;
                Assert.Equal(0, count % 100);
            }
        });

        await Task.WhenAll(writers.Append(reader));
        Assert.Equal(3000, Emulator.Count("Contact"));
        Assert.Equal(3000, Emulator.GetRecords("Contact").Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Collection_of_more_than_200_records_is_refused()
    {
        var answer = await SendAsync(HttpMethod.Post, $"{V}/composite/sobjects", Records(201, -1, allOrNone: false));
        AssertError(400, "EXCEEDED_ID_LIMIT", answer);
        Assert.Equal(0, Emulator.Count("Contact"));
    }

    [Fact]
    public async Task Collection_update_retrieve_upsert_and_delete()
    {
        var a = CreateContact("A", "a@example.com");
        var b = CreateContact("B", "b@example.com");

        var (status, updated) = await SendAsync(HttpMethod.Patch, $"{V}/composite/sobjects", $$"""
            {"allOrNone":false,"records":[
              {"attributes":{"type":"Contact"},"id":"{{a}}","Title":"T1"},
              {"attributes":{"type":"Contact"},"id":"{{b[..15]}}","Email":"bad"}]}
            """);
        Assert.Equal(200, status);
        Assert.True((bool)updated![0]!["success"]!);
        Assert.Equal("INVALID_EMAIL_ADDRESS", (string?)updated[1]!["errors"]![0]!["statusCode"]);

        var (_, retrieved) = await GetAsync($"{V}/composite/sobjects/Contact?ids={a},{b}&fields=Id,Title,Email");
        Assert.Equal("T1", (string?)retrieved![0]!["Title"]);
        Assert.Equal("b@example.com", (string?)retrieved[1]!["Email"]);

        var (_, upserted) = await SendAsync(HttpMethod.Patch, $"{V}/composite/sobjects/Contact/OutlookCrm_ExchangeId__c", """
            {"allOrNone":false,"records":[
              {"attributes":{"type":"Contact"},"OutlookCrm_ExchangeId__c":"EX1","LastName":"New"},
              {"attributes":{"type":"Contact"},"OutlookCrm_ExchangeId__c":"EX1","LastName":"Again"}]}
            """);
        Assert.True((bool)upserted![0]!["created"]!);
        Assert.False((bool)upserted[1]!["created"]!);
        Assert.Equal(upserted[0]!["id"]!.ToString(), upserted[1]!["id"]!.ToString());

        var (_, deleted) = await SendAsync(HttpMethod.Delete, $"{V}/composite/sobjects?ids={a},{b}&allOrNone=false");
        Assert.All(deleted!.AsArray(), r => Assert.True((bool)r!["success"]!));
        Assert.Equal(1, Emulator.Count("Contact"));
    }

    [Fact]
    public async Task Composite_resolves_references_between_subrequests()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/composite", """
            {"allOrNone":true,"compositeRequest":[
              {"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"refAccount","body":{"Name":"Fabrikam"}},
              {"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"refContact",
               "body":{"LastName":"Lee","Email":"bob@fabrikam.com","AccountId":"@{refAccount.id}"}},
              {"method":"GET","url":"/services/data/v62.0/sobjects/Contact/@{refContact.id}?fields=Id,AccountId","referenceId":"readBack"},
              {"method":"GET","url":"/services/data/v62.0/query?q=SELECT+Id,Account.Name+FROM+Contact","referenceId":"q"}]}
            """);

        Assert.Equal(200, status);
        var responses = body!["compositeResponse"]!.AsArray();
        Assert.Equal([201, 201, 200, 200], responses.Select(r => (int)r!["httpStatusCode"]!));
        Assert.Equal(["refAccount", "refContact", "readBack", "q"], responses.Select(r => (string)r!["referenceId"]!));
        var accountId = (string)responses[0]!["body"]!["id"]!;
        Assert.StartsWith("/services/data/v62.0/sobjects/Account/", (string?)responses[0]!["httpHeaders"]!["Location"]);
        Assert.Equal(accountId, (string?)responses[2]!["body"]!["AccountId"]);
        Assert.Equal("Fabrikam", (string?)responses[3]!["body"]!["records"]![0]!["Account"]!["Name"]);
        Assert.Equal(1, (long)Emulator.Admin.Journal.Count("sf.composite"));
    }

    [Fact]
    public async Task Composite_with_allOrNone_rolls_back_and_halts_the_others()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, $"{V}/composite", """
            {"allOrNone":true,"compositeRequest":[
              {"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"a","body":{"Name":"Fabrikam"}},
              {"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"c","body":{"FirstName":"NoLastName"}},
              {"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"d","body":{"LastName":"Later"}}]}
            """);

        var responses = body!["compositeResponse"]!.AsArray();
        Assert.Equal("REQUIRED_FIELD_MISSING", (string?)responses[1]!["body"]![0]!["errorCode"]);
        Assert.Equal("PROCESSING_HALTED", (string?)responses[0]!["body"]![0]!["errorCode"]);
        Assert.Equal("PROCESSING_HALTED", (string?)responses[2]!["body"]![0]!["errorCode"]);
        Assert.Equal(0, Emulator.Count("Account"));
        Assert.Equal(0, Emulator.Count("Contact"));

        (_, body) = await SendAsync(HttpMethod.Post, $"{V}/composite", """
            {"allOrNone":false,"compositeRequest":[
              {"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"bad","body":{}},
              {"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"dep","body":{"LastName":"X","AccountId":"@{bad.id}"}},
              {"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"ok","body":{"LastName":"Y"}}]}
            """);
        responses = body!["compositeResponse"]!.AsArray();
        Assert.Equal(400, (int)responses[0]!["httpStatusCode"]!);
        Assert.Equal("PROCESSING_HALTED", (string?)responses[1]!["body"]![0]!["errorCode"]);
        Assert.Equal(201, (int)responses[2]!["httpStatusCode"]!);
    }

    [Fact]
    public async Task Composite_allOrNone_overrides_the_allOrNone_of_collection_subrequests()
    {
        var (_, body) = await SendAsync(HttpMethod.Post, $"{V}/composite", """
            {"allOrNone":true,"compositeRequest":[
              {"method":"POST","url":"/services/data/v62.0/composite/sobjects","referenceId":"batch",
               "body":{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"Name":"Good"},{"attributes":{"type":"Account"}}]}},
              {"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"after","body":{"LastName":"After"}}]}
            """);

        var responses = body!["compositeResponse"]!.AsArray();
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", (string?)responses[0]!["body"]![0]!["errors"]![0]!["statusCode"]);
        Assert.Equal("REQUIRED_FIELD_MISSING", (string?)responses[0]!["body"]![1]!["errors"]![0]!["statusCode"]);
        Assert.Equal("PROCESSING_HALTED", (string?)responses[1]!["body"]![0]!["errorCode"]);
        Assert.Equal(0, Emulator.Count("Account"));
        Assert.Equal(0, Emulator.Count("Contact"));
    }

    [Fact]
    public async Task Composite_of_more_than_25_subrequests_is_refused()
    {
        var subrequests = string.Join(",", Enumerable.Range(0, 26).Select(i =>
            $$"""{"method":"GET","url":"/services/data/v62.0/limits","referenceId":"r{{i}}"}"""));
        AssertError(400, "LIMIT_EXCEEDED", await SendAsync(HttpMethod.Post, $"{V}/composite", $$"""{"compositeRequest":[{{subrequests}}]}"""));
    }
}
