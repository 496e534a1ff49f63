using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OutlookCrm.Api.Auth;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace OutlookCrm.Reliability.Tests.BadInput;

/// <summary>
/// Issue 10, bad input: at least 500 generated malformed requests across every endpoint the API maps
/// (enumerated from the running app, so a new endpoint is covered), sent with valid tokens to the real
/// API wired to the emulators, get no 5xx, and every 4xx is problem+json; callers without a valid token
/// or without the admin role are refused the same way.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private const int Seed = 10;
    private const int MinimumRequests = 500;
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Malformed_requests_to_every_endpoint_get_no_5xx_and_every_4xx_is_problem_json()
    {
        await using var world = await ApiWorld.StartAsync();
        var endpoints = ApiEndpoint.All(world.Host.Factory.Services);
        var generator = new MalformedRequests(new Random(Seed), world);
        var probes = endpoints.SelectMany(generator.For).ToList();
        // One caller who may do everything: an admin whose email is a CRM user, so add-in calls act for someone.
        using var client = world.Host.Client(world.Host.Token(new TokenRequest { User = ApiWorld.User, Roles = [ApiHost.AdminRole] }));

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var probe in probes)
        {
            using var response = await SendAsync(client, probe, "admin");
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            failures.AddRange(await CheckAsync(probe, response));
            if (response.IsSuccessStatusCode && probe.Method != "GET" && probe.Path.Contains("/connections/", StringComparison.Ordinal))
            {
                await world.RestoreConnectionsAsync(); // an accepted odd connection would cut the API off from the emulators
            }
        }

        output.WriteLine($"{probes.Count} malformed requests over {endpoints.Count} endpoints; answers {string.Join(", ", statuses.Select(kv => $"{kv.Key} x{kv.Value}"))}:");
        foreach (var group in probes.GroupBy(p => p.Endpoint.Name))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        Assert.True(probes.Count >= MinimumRequests, $"only {probes.Count} requests");
        Assert.All(endpoints, e => Assert.Contains(probes, p => p.Endpoint == e));
        Assert.DoesNotContain(401, statuses.Keys); // the requests got past authentication to the checks they were made for
        Assert.DoesNotContain(403, statuses.Keys);
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(15))}");
    }

    [Fact]
    public async Task Without_a_valid_token_or_the_role_every_endpoint_refuses_with_problem_json_and_no_5xx()
    {
        await using var world = await ApiWorld.StartAsync();
        var endpoints = ApiEndpoint.All(world.Host.Factory.Services);
        var callers = new (string Who, HttpClient Client, Func<ApiEndpoint, int?> Expected)[]
        {
            ("anonymous", world.Anonymous(), e => e.RequiresUser ? 401 : null),
            ("add-in user", world.AddinUser(), e => e.Policy == AuthServiceCollectionExtensions.AdminPolicy ? 403 : null),
            ("garbage token", world.Host.Client("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"), e => e.RequiresUser ? 401 : null),
            ("token for another audience", world.Host.Client(world.Host.Entra.MintToken(new TokenRequest { User = ApiWorld.User, Audience = "api://someone-else" })),
                e => e.RequiresUser ? 401 : null),
        };

        var failures = new List<string>();
        var generator = new MalformedRequests(new Random(Seed), world);
        foreach (var endpoint in endpoints)
        {
            var probe = generator.WellFormed(endpoint);
            foreach (var (who, client, expected) in callers)
            {
                using var response = await SendAsync(client, probe, who);
                failures.AddRange(await CheckAsync(probe with { What = who }, response));
                if (expected(endpoint) is { } status && (int)response.StatusCode != status)
                {
                    failures.Add($"{(int)response.StatusCode} instead of {status} for {probe with { What = who }}");
                }
            }

            var other = probe with { Method = endpoint.Method == "PATCH" ? "TRACE" : "PATCH", What = "method not allowed" };
            using var wrongMethod = await SendAsync(callers[1].Client, other, callers[1].Who);
            failures.AddRange(await CheckAsync(other, wrongMethod));
        }

        foreach (var (_, client, _) in callers)
        {
            client.Dispose();
        }

        Assert.Contains(endpoints, e => e.RequiresUser);
        Assert.Contains(endpoints, e => e.Policy == AuthServiceCollectionExtensions.AdminPolicy);
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(15))}");
    }

    /// <summary>
    /// Sends a probe; an answer not complete within <see cref="StallAfter"/> (every probe takes a few
    /// seconds at most on a loaded machine) fails the test naming the probe, instead of the client's
    /// 100-second timeout naming nothing.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Probe probe, string who)
    {
        using var stall = new CancellationTokenSource(StallAfter);
        try
        {
            return await client.SendAsync(Request(probe), stall.Token);
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete answer in {StallAfter.TotalSeconds} s as {who} to {probe}");
        }
    }

    private static HttpRequestMessage Request(Probe probe)
    {
        var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
        if (probe.Body is not null)
        {
            request.Content = new StringContent(probe.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = probe.ContentType is null ? null : MediaTypeHeaderValue.Parse(probe.ContentType);
        }

        return request;
    }

    /// <summary>No 5xx; a 4xx is problem+json whose <c>status</c> is the answer's.</summary>
    private static async Task<IEnumerable<string>> CheckAsync(Probe probe, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return [$"{status} for {probe}: {Excerpt(body)}"];
        }

        if (status < 400)
        {
            return [];
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return [$"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"} for {probe}: {Excerpt(body)}"];
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("status", out var s) && s.TryGetInt32(out var said) && said == status
                ? []
                : [$"{status} problem without a matching status for {probe}: {Excerpt(body)}"];
        }
        catch (JsonException)
        {
            return [$"{status} problem that is not JSON for {probe}: {Excerpt(body)}"];
        }
    }

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
