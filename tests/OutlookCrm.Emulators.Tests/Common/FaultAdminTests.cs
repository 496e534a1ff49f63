using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Tests.Salesforce;

namespace OutlookCrm.Emulators.Tests.Common;

/// <summary>
/// The shared <c>/__admin/faults</c> surface (on the Salesforce emulator, through raw HTTP): seeded
/// probabilistic faults of several kinds with their tally, and holds that keep the k-th call until
/// its client is killed or the faults are cleared.
/// </summary>
public sealed class FaultAdminTests(SalesforceFixture fixture) : SalesforceTestBase(fixture), IClassFixture<SalesforceFixture>
{
    private const string Kinds = """
        [{"operation":"sf.query","probability":0.3,"seed":7,"kinds":[
          {"status":503,"name":"unavailable"},
          {"status":401,"code":"INVALID_SESSION_ID","name":"expired session"},
          {"connectionReset":true}]}]
        """;

    [Fact]
    public async Task A_seeded_rate_fails_one_call_in_each_run_at_random_with_its_kinds_in_turn_and_repeats_with_its_seed()
    {
        var first = await OutcomesAsync(60);
        var tally = await TallyAsync();
        var second = await OutcomesAsync(60);

        Assert.Equal(first, second);                                  // the same seed, the same faults
        Assert.All(first.Chunk(3), run => Assert.Single(run, o => o != "200")); // 30 %: one in each run of three
        Assert.True(first.Chunk(3).Select(r => Array.FindIndex(r, o => o != "200")).Distinct().Count() > 1, "the failing place varies");
        Assert.Equal(first.Count(o => o == "503"), tally.GetValueOrDefault("unavailable"));
        Assert.Equal(first.Count(o => o == "401"), tally.GetValueOrDefault("expired session"));
        Assert.Equal(first.Count(o => o == "reset"), tally.GetValueOrDefault("connection reset"));
        Assert.Equal(["unavailable", "expired session", "connection reset"], first.Where(o => o != "200").Take(3).Select(o => o switch
        {
            "503" => "unavailable",
            "401" => "expired session",
            _ => "connection reset",
        }));                                                          // the kinds take turns
        Assert.InRange(tally.Values.Max() - tally.Values.Min(), 0, 1);
        Assert.DoesNotContain(first, o => o is not ("200" or "503" or "401" or "reset"));
    }

    [Fact]
    public async Task A_request_hold_keeps_the_kth_call_until_its_client_goes_away_and_the_call_has_no_effect()
    {
        await AddFaultsAsync("""[{"operation":"sf.sobject.create","skip":2,"hold":"request"}]""");
        Assert.Equal(201, (await CreateAsync("One", CancellationToken.None)).Status);
        Assert.Equal(201, (await CreateAsync("Two", CancellationToken.None)).Status);

        using var killed = new CancellationTokenSource();
        var third = CreateAsync("Three", killed.Token);
        await Emulator.Admin.Faults.WaitForHoldAsync(CancellationToken.None);
        var whileHeld = await FaultStateAsync();
        await killed.CancelAsync();                                    // the client dies with the call in flight
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        await WaitUntilAsync(() => Emulator.Admin.Faults.Holding == 0 && Emulator.Admin.Journal.Count("sf.sobject.create") == 3);

        Assert.Equal(1, (int)whileHeld["holding"]!);
        Assert.Equal(1, (long)whileHeld["injected"]!["hold"]!);
        Assert.Equal(2, Emulator.Count("Contact"));                    // the held create never ran
        Assert.Equal(499, Emulator.Admin.Journal.Entries.Last(e => e.Operation == "sf.sobject.create").Status);
    }

    [Fact]
    public async Task A_response_hold_applies_the_call_and_keeps_its_answer_back_until_the_faults_are_cleared()
    {
        await AddFaultsAsync("""[{"operation":"sf.sobject.create","hold":"response"}]""");

        var create = CreateAsync("Held", CancellationToken.None);
        await Emulator.Admin.Faults.WaitForHoldAsync(CancellationToken.None);
        var doneWhileHeld = create.IsCompleted;
        var countWhileHeld = Emulator.Count("Contact");
        using var cleared = await Anonymous.DeleteAsync("/__admin/faults");
        var (status, body) = await create;

        Assert.False(doneWhileHeld);
        Assert.Equal(1, countWhileHeld);                               // done on the server, unknown to the client
        Assert.Equal(201, status);
        Assert.Equal(Emulator.GetRecords("Contact").Single().Id, (string?)body!["id"]);
    }

    [Fact]
    public async Task The_query_journal_lists_each_where_literal_as_the_parser_read_it()
    {
        CreateContact("OBrien", "o'brien@x.com");
        var soql = @"SELECT Id FROM Contact WHERE Email IN ('o\'brien@x.com', 'a%b@x.com') AND (LastName LIKE 'O\'B%' OR LastName = 'x\\y')";
        await QueryAsync(soql);

        using var response = await Anonymous.GetAsync("/__admin/queries");
        var entry = (await ReadAsync(response)).AsArray().Last()!;
        var literals = entry["literals"]!.AsArray().Select(l => $"{l!["field"]} {l["operator"]} {l["value"]}").ToList();

        Assert.Equal("Contact", (string?)entry["from"]);
        Assert.Equal(["Email IN o'brien@x.com", "Email IN a%b@x.com", " OR ", "LastName LIKE O'B%", @"LastName = x\y"], literals);
    }

    private async Task<List<string>> OutcomesAsync(int calls)
    {
        using var cleared = await Anonymous.DeleteAsync("/__admin/faults");
        await AddFaultsAsync(Kinds);
        var outcomes = new List<string>();
        for (var i = 0; i < calls; i++)
        {
            try
            {
                var (status, _) = await GetAsync($"{V}/query?q=SELECT+Id+FROM+Contact");
                outcomes.Add(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException)
            {
                outcomes.Add("reset");
            }
        }

        return outcomes;
    }

    private async Task<Dictionary<string, long>> TallyAsync()
    {
        var state = await FaultStateAsync();
        return state["injected"]!.AsObject().ToDictionary(kv => kv.Key, kv => (long)kv.Value!);
    }

    private async Task<JsonNode> FaultStateAsync()
    {
        using var response = await Anonymous.GetAsync("/__admin/faults");
        return await ReadAsync(response);
    }

    private async Task AddFaultsAsync(string json)
    {
        using var response = await Anonymous.PostAsync("/__admin/faults", Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(int Status, JsonNode? Body)> CreateAsync(string lastName, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsync($"{V}/sobjects/Contact", Json($$"""{"LastName":"{{lastName}}"}"""), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Waits for the server to notice a vanished client (a bounded wait, not a timing assertion).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the emulator did not notice the client went away");
    }
}
