using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using OutlookCrm.Bench.EmulatorHost;

namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// The emulators themselves (issue 3: ≥ 2,000 simple requests/s each; a SOQL query over 20,000
/// records in &lt; 200 ms). The emulators run in a child process (<see cref="EmulatorProcess"/>); this
/// process only drives load. A simple request per emulator: Entra OIDC discovery, Salesforce GET of
/// one Contact, Graph GET of one contact (bearer token), EWS GetFolder (Basic + impersonation), each
/// over HTTPS on reused connections, C concurrent clients, R requests. The figure that survives a
/// shared, loaded machine is the child's CPU time per request; capacity = cores × 1e6 / CPU-µs.
/// Per-mailbox concurrency limits are lifted (they would answer 429/ErrorServerBusy instead of work).
/// </summary>
public sealed class EmulatorScenario : IScenario
{
    private const int WarmUpRequests = 1_000;
    private const int SoqlSamples = 10;
    private const int SoqlWarmUps = 3;

    public string Name => "emulator";

    public bool PerBackend => false;

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var records = options.Items ?? 20_000;
        var requests = options.Requests ?? 20_000;
        // A run shorter than one warm-up (the smoke test) skips the waits for an idle child: its CPU figures mean nothing anyway.
        var settle = requests >= WarmUpRequests;
        await using var host = await EmulatorProcess.StartAsync(records, cancellationToken);
        if (settle)
        {
            await host.SettleAsync(cancellationToken); // start-up and seeding JIT, before the first emulator's warm-up
        }

        var h = host.Handshake;
        var handshakes = new StrongBox<int>();
        using var http = LoadRunner.Client(host.Authority, handshakes);
        var graphToken = await GraphTokenAsync(http, h, cancellationToken);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{h.EwsUsername}:{h.EwsPassword}"));

        var targets = new (string Name, Func<HttpRequestMessage> Make)[]
        {
            ("entra", () => new HttpRequestMessage(HttpMethod.Get, $"{h.EntraUrl}/{Emulators.Entra.EntraEmulator.DefaultTenantId}/v2.0/.well-known/openid-configuration")),
            ("salesforce", () => Bearer(new HttpRequestMessage(HttpMethod.Get, $"{h.SalesforceUrl}/services/data/v62.0/sobjects/Contact/{h.SalesforceContactId}"), h.SalesforceToken)),
            ("graph", () => Bearer(new HttpRequestMessage(HttpMethod.Get, $"{h.GraphUrl}/users/{BenchWorld.Mailbox}/contacts/{h.GraphContactId}"), graphToken)),
            ("ews", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, h.EwsUrl) { Content = new StringContent(GetFolder, Encoding.UTF8, "text/xml") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                request.Headers.Add("X-AnchorMailbox", BenchWorld.Mailbox);
                return request;
            }),
        };

        var loads = new List<EmulatorLoad>();
        foreach (var (name, make) in targets)
        {
            async Task<bool> Send(int _)
            {
                using var response = await http.SendAsync(make(), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return response.IsSuccessStatusCode;
            }

            await WarmUpAsync(host, settle, () => LoadRunner.RunAsync(options.Concurrency, null, Math.Min(WarmUpRequests, requests), Send, cancellationToken), cancellationToken);
            var opened = handshakes.Value;
            var cpu = host.CpuTime;
            var load = await LoadRunner.RunAsync(options.Concurrency, null, requests, Send, cancellationToken);
            loads.Add(new EmulatorLoad(name, load, host.CpuTime - cpu, handshakes.Value - opened));
        }

        var soql = new List<(string Key, double WallMs, double CpuMs)>();
        foreach (var (key, query) in new[]
        {
            ("soqlEquals", $"SELECT Id, Email FROM Contact WHERE Email = 'crm{records - 1}@example.com'"),
            ("soqlLike", $"SELECT Id, Email FROM Contact WHERE LastName LIKE 'Person{records - 1}%'"),
            ("soqlFirstPage", "SELECT Id, FirstName, LastName, Email, Title FROM Contact ORDER BY LastName"),
        })
        {
            async Task<double> Once()
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(Bearer(new HttpRequestMessage(HttpMethod.Get, $"{h.SalesforceUrl}/services/data/v62.0/query?q={Uri.EscapeDataString(query)}"), h.SalesforceToken), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.EnsureSuccessStatusCode();
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            await WarmUpAsync(host, settle, async () =>
            {
                for (var i = 0; i < SoqlWarmUps; i++)
                {
                    await Once();
                }
            }, cancellationToken);
            var cpu = host.CpuTime;
            var samples = new List<double>();
            for (var i = 0; i < SoqlSamples; i++)
            {
                samples.Add(await Once());
            }

            soql.Add((key, Percentile.Of(samples).P50Ms, Math.Round((host.CpuTime - cpu).TotalMilliseconds / SoqlSamples, 2)));
        }

        return [Result(options, records, host.PeakWorkingSetMb, loads, soql)];
    }

    /// <summary>
    /// JIT and tiered compilation in the child, connections opened. Twice, each time until the child
    /// is idle: the runtime starts counting calls for tier-1 only once start-up JIT has calmed down,
    /// so the second round is what gets the hot path recompiled before the measurement, not during it.
    /// </summary>
    private static async Task WarmUpAsync(EmulatorProcess host, bool settle, Func<Task> warmUp, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 2; round++)
        {
            await warmUp();
            if (settle)
            {
                await host.SettleAsync(cancellationToken);
            }
        }
    }

    private sealed record EmulatorLoad(string Name, LoadRunner.LoadResult Load, TimeSpan Cpu, int ConnectionsOpened)
    {
        public double CpuMicroseconds => Cpu.TotalMicroseconds / Math.Max(1, Load.Requests);

        /// <summary>Null when the child's CPU clock did not move (it counts in 10 ms ticks: only a tiny run).</summary>
        public double? Capacity => Cpu > TimeSpan.Zero ? Environment.ProcessorCount * 1e6 / CpuMicroseconds : null;
    }

    private BenchResult Result(BenchOptions options, int records, double emulatorPeakMb, List<EmulatorLoad> loads, List<(string Key, double WallMs, double CpuMs)> soql)
    {
        var extra = new Dictionary<string, double?>();
        foreach (var l in loads)
        {
            extra[$"{l.Name}RequestsPerSecond"] = Math.Round(l.Load.PerSecond, 0);
            extra[$"{l.Name}Failures"] = l.Load.Failures;
            extra[$"{l.Name}P50Ms"] = l.Load.Percentiles().P50Ms;
            extra[$"{l.Name}CpuUsPerRequest"] = Math.Round(l.CpuMicroseconds, 1);
            extra[$"{l.Name}CapacityPerSecond"] = l.Capacity is { } capacity ? Math.Round(capacity, 0) : null;
            extra[$"{l.Name}ConnectionsOpened"] = l.ConnectionsOpened;
        }

        foreach (var (key, wallMs, cpuMs) in soql)
        {
            extra[$"{key}Ms"] = wallMs;
            extra[$"{key}CpuMs"] = cpuMs;
        }

        var slowest = loads.MinBy(l => l.Capacity ?? double.MaxValue)!;
        var requests = loads[0].Load.Requests;
        return new BenchResult
        {
            Scenario = Name,
            Backend = "all",
            Items = records,
            LatencyMs = 0,
            WallSeconds = Measure.Round(loads.Sum(l => l.Load.Seconds)),
            ItemsPerSecond = slowest.Capacity is { } lowest ? Math.Round(lowest, 0) : null,
            Calls = null,
            MinimumCalls = null,
            Ratio = null,
            Latency = Percentile.Of(loads.SelectMany(l => l.Load.LatenciesMs).ToList()),
            PeakWorkingSetMb = emulatorPeakMb,
            Extra = extra,
            Notes =
            [
                $"Emulators in a child process; per emulator 2 × {Math.Min(WarmUpRequests, requests):N0} warm-up requests (each round followed by a wait until the child is idle), then {requests:N0} measured requests from {options.Concurrency} concurrent clients in the bench process.",
                $"*CpuUsPerRequest = the child's CPU time (user + system) over the measured requests / requests; *CapacityPerSecond = {Environment.ProcessorCount} cores × 1e6 / that. itemsPerSecond = the lowest capacity ({slowest.Name}).",
                "*RequestsPerSecond and latencies are wall-clock, client included, on cores shared with other work: a floor, not the emulators' ceiling.",
                $"soql*Ms = median wall time of {SoqlSamples} runs after 2 × {SoqlWarmUps} warm-ups, over HTTPS (client included); soql*CpuMs = the child's CPU per query. items = Salesforce records under the queries.",
                "peakWorkingSetMb = the emulator process's peak resident set (with the seeded records).",
            ],
        };
    }

    private static HttpRequestMessage Bearer(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> GraphTokenAsync(HttpClient http, EmulatorHandshake h, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(h.EntraTokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = BenchWorld.GraphAppId, ["client_secret"] = h.GraphClientSecret, ["scope"] = "https://graph.microsoft.com/.default",
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
