using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// The emulators themselves (issue 3: ≥ 2,000 simple requests/s each; a SOQL query over 20,000
/// records in &lt; 200 ms). A simple request per emulator: Entra OIDC discovery, Salesforce GET of one
/// Contact, Graph GET of one contact, EWS GetFolder — each authenticated where the real service is,
/// over HTTPS, C concurrent clients for a few seconds. Per-mailbox concurrency limits are lifted for
/// the measurement (they would answer 429/ErrorServerBusy instead of work). No latency is injected.
/// </summary>
public sealed class EmulatorScenario : IScenario
{
    public string Name => "emulator";

    public bool PerBackend => false;

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var records = options.Items ?? 20_000;
        var duration = TimeSpan.FromSeconds(3);
        await using var world = await BenchWorld.StartAsync(Backend.Graph);
        world.Exchange.Graph.Limits.ConcurrentRequests = int.MaxValue;
        world.Exchange.Graph.Limits.RequestsPerWindow = int.MaxValue;
        world.Exchange.Ews.Limits.ConcurrentRequests = int.MaxValue;
        world.SeedCrmContacts(records);
        var contactId = world.SeedExchangeContacts(1)[0];
        using var http = LoadRunner.Client(world.Entra.Certificates);
        var sfToken = world.Salesforce.IssueAccessToken(BenchWorld.Mailbox);
        var sfContact = world.Salesforce.GetRecords("Contact")[0].Id;
        var graphToken = await GraphTokenAsync(http, world, cancellationToken);

        var results = new List<(string Name, LoadRunner.LoadResult Load)>();
        async Task Load(string name, Func<HttpRequestMessage> make)
        {
            await LoadRunner.RunAsync(4, null, 50, async _ => (await http.SendAsync(make(), cancellationToken)).IsSuccessStatusCode, cancellationToken); // warm-up
            results.Add((name, await LoadRunner.RunAsync(options.Concurrency, duration, null, async _ =>
            {
                using var response = await http.SendAsync(make(), cancellationToken);
                return response.IsSuccessStatusCode;
            }, cancellationToken)));
        }

        await Load("entra", () => new HttpRequestMessage(HttpMethod.Get, $"{world.Entra.BaseUrl}/{Emulators.Entra.EntraEmulator.DefaultTenantId}/v2.0/.well-known/openid-configuration"));
        await Load("salesforce", () => Bearer(new HttpRequestMessage(HttpMethod.Get, $"{world.Salesforce.BaseUrl}/services/data/v62.0/sobjects/Contact/{sfContact}"), sfToken));
        await Load("graph", () => Bearer(new HttpRequestMessage(HttpMethod.Get, $"{world.Exchange.GraphUrl}/users/{BenchWorld.Mailbox}/contacts/{contactId}"), graphToken));
        await Load("ews", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, world.Exchange.EwsUrl) { Content = new StringContent(GetFolder, Encoding.UTF8, "text/xml") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-sync@contoso.com:Svc-Pa55!")));
            request.Headers.Add("X-AnchorMailbox", BenchWorld.Mailbox);
            return request;
        });

        var soql = new Dictionary<string, double?>();
        foreach (var (key, query) in new[]
        {
            ("soqlEqualsMs", $"SELECT Id, Email FROM Contact WHERE Email = 'crm{records - 1}@example.com'"),
            ("soqlLikeMs", $"SELECT Id, Email FROM Contact WHERE LastName LIKE 'Person{records - 1}%'"),
            ("soqlFirstPageMs", "SELECT Id, FirstName, LastName, Email, Title FROM Contact ORDER BY LastName"),
        })
        {
            var samples = new List<double>();
            for (var i = 0; i < 11; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(Bearer(new HttpRequestMessage(HttpMethod.Get, $"{world.Salesforce.BaseUrl}/services/data/v62.0/query?q={Uri.EscapeDataString(query)}"), sfToken), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.EnsureSuccessStatusCode();
                if (i > 0)
                {
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            soql[key] = Percentile.Of(samples).P50Ms;
        }

        var extra = new Dictionary<string, double?>();
        foreach (var (name, load) in results)
        {
            extra[$"{name}RequestsPerSecond"] = Math.Round(load.PerSecond, 0);
            extra[$"{name}Failures"] = load.Failures;
            extra[$"{name}P50Ms"] = load.Percentiles().P50Ms;
        }

        foreach (var (k, v) in soql)
        {
            extra[k] = v;
        }

        var slowest = results.MinBy(r => r.Load.PerSecond);
        var all = results.SelectMany(r => r.Load.LatenciesMs).ToList();
        return [new BenchResult
        {
            Scenario = Name,
            Backend = "all",
            Items = records,
            LatencyMs = 0,
            WallSeconds = Measure.Round(results.Sum(r => r.Load.Seconds)),
            ItemsPerSecond = Math.Round(slowest.Load.PerSecond, 0),
            Calls = null,
            MinimumCalls = null,
            Ratio = null,
            Latency = Percentile.Of(all),
            PeakWorkingSetMb = Measure.PeakWorkingSetMb(),
            Extra = extra,
            Notes =
            [
                $"itemsPerSecond = requests/s of the slowest emulator ({slowest.Name}); items = Salesforce records under the SOQL queries; soql*Ms = median of 10 runs over HTTPS, client included.",
                $"Concurrency {options.Concurrency}; client and servers share the same 2 loaded cores, so req/s is a floor for the emulators alone.",
            ],
        }];
    }

    private static HttpRequestMessage Bearer(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> GraphTokenAsync(HttpClient http, BenchWorld world, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(world.Entra.TokenEndpointFor(), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = BenchWorld.GraphAppId, ["client_secret"] = "graph-secret", ["scope"] = "https://graph.microsoft.com/.default",
        }), cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["access_token"]!.GetValue<string>();
    }

    private const string GetFolder = """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
          <soap:Header>
            <t:RequestServerVersion Version="Exchange2016"/>
            <t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>alice@contoso.com</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>
          </soap:Header>
          <soap:Body>
            <m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="contacts"/></m:FolderIds></m:GetFolder>
          </soap:Body>
        </soap:Envelope>
        """;
}
