using System.Globalization;
using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Tests.Salesforce;

public sealed class SalesforceReplicationTests(SalesforceFixture fixture) : SalesforceTestBase(fixture), IClassFixture<SalesforceFixture>
{
    private static string At(DateTime t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));

    [Fact]
    public async Task Updated_reports_created_and_edited_records_in_the_window()
    {
        var start = Emulator.Org.Now.AddMinutes(-1);
        var edited = CreateContact("Edited", "e@example.com");
        var stays = CreateContact("Stays", "s@example.com");
        Emulator.Org.AdvanceClock(TimeSpan.FromMinutes(10));
        var windowStart = Emulator.Org.Now.AddMinutes(-1);
        Emulator.EditRecord("Contact", edited, new JsonObject { ["Title"] = "Changed" });
        var untouched = CreateContact("New", "n@example.com");
        Emulator.Org.AdvanceClock(TimeSpan.FromMinutes(2));
        var end = Emulator.Org.Now;

        var (status, body) = await GetAsync($"{V}/sobjects/Contact/updated/?start={At(windowStart)}&end={At(end)}");
        Assert.Equal(200, status);
        var ids = body!["ids"]!.AsArray().Select(i => (string)i!).ToList();
        Assert.Contains(edited, ids);
        Assert.Contains(untouched, ids);
        Assert.DoesNotContain(stays, ids);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000\+0000$", (string)body["latestDateCovered"]!);

        var (_, early) = await GetAsync($"{V}/sobjects/Contact/updated/?start={At(start)}&end={At(start.AddMinutes(5))}");
        Assert.Equal([stays], early!["ids"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task Deleted_reports_deletions_with_dates()
    {
        var gone = CreateContact("Gone", "g@example.com");
        var start = Emulator.Org.Now.AddMinutes(-1);
        Emulator.DeleteRecord(gone);
        Emulator.Org.AdvanceClock(TimeSpan.FromMinutes(2));

        var (status, body) = await GetAsync($"{V}/sobjects/Contact/deleted/?start={At(start)}&end={At(Emulator.Org.Now)}");
        Assert.Equal(200, status);
        var deleted = body!["deletedRecords"]!.AsArray();
        Assert.Single(deleted);
        Assert.Equal(gone, (string?)deleted[0]!["id"]);
        Assert.Matches(@"\+0000$", (string)deleted[0]!["deletedDate"]!);
        Assert.NotNull(body["earliestDateAvailable"]);
        Assert.NotNull(body["latestDateCovered"]);
    }

    [Fact]
    public async Task Windows_starting_too_far_back_are_refused()
    {
        var now = Emulator.Org.Now;
        AssertError(400, "INVALID_REPLICATION_DATE", await GetAsync($"{V}/sobjects/Contact/updated/?start={At(now.AddDays(-31))}&end={At(now)}"));
        AssertError(400, "INVALID_REPLICATION_DATE", await GetAsync($"{V}/sobjects/Contact/deleted/?start={At(now.AddDays(-16))}&end={At(now)}"));
        AssertError(400, "INVALID_REPLICATION_DATE", await GetAsync($"{V}/sobjects/Contact/updated/?start={At(now)}&end={At(now.AddHours(-1))}"));
        Assert.Equal(200, (await GetAsync($"{V}/sobjects/Contact/updated/?start={At(now.AddDays(-29))}&end={At(now)}")).Status);
    }

    [Fact]
    public async Task Injected_faults_are_written_in_salesforce_error_shapes()
    {
        using var faults = await Anonymous.PostAsync("/__admin/faults", Json("""
            [{"operation":"sf.query","status":503},
             {"operation":"sf.sobject.create","status":403,"code":"REQUEST_LIMIT_EXCEEDED"},
             {"operation":"sf.token","status":400,"code":"invalid_grant","message":"authentication failure"}]
            """));
        Assert.True(faults.IsSuccessStatusCode);

        var query = await GetAsync($"{V}/query?q=SELECT+Id+FROM+Contact");
        AssertError(503, "SERVER_UNAVAILABLE", query);
        Assert.Equal(200, (await GetAsync($"{V}/query?q=SELECT+Id+FROM+Contact")).Status);

        AssertError(403, "REQUEST_LIMIT_EXCEEDED", await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"X"}"""));
        Assert.Equal(0, Emulator.Count("Contact"));

        using var token = await Anonymous.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = ClientId, ["client_secret"] = ClientSecret,
        }));
        var error = await ReadAsync(token);
        Assert.Equal(400, (int)token.StatusCode);
        Assert.Equal("invalid_grant", (string?)error["error"]);
        Assert.Equal("authentication failure", (string?)error["error_description"]);

        Assert.Equal(2, Emulator.Admin.Journal.Count("sf.query"));
        Assert.Contains(Emulator.Admin.Journal.Entries, e => e.Operation == "sf.sobject.create" && e.Faulted && e.Status == 403);
    }
}
