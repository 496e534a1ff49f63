using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// Salespeople using the add-in against the <see cref="HostedApi"/>: each one is an active CRM user
/// (the API acts as the CRM user with the token's e-mail) holding an access token that the Entra
/// emulator issued over HTTP for the API's audience, RS256-signed with the key its JWKS publishes,
/// so the API validates it as it would any Entra token. A lookup is <c>POST /api/addin/lookup</c>
/// (CONTRACT.md §4), and its answer is checked, not only its status.
/// </summary>
public sealed class AddinLookupClient : IDisposable
{
    private readonly HttpClient api;
    private readonly Dictionary<string, AuthenticationHeaderValue> tokens;

    private AddinLookupClient(HttpClient api, Dictionary<string, AuthenticationHeaderValue> tokens)
    {
        this.api = api;
        this.tokens = tokens;
    }

    public static async Task<AddinLookupClient> SignInAsync(BenchWorld world, HostedApi hosted, IEnumerable<string> users, CancellationToken cancellationToken)
    {
        using var authority = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(ProductServices.CaFile(world.StateDirectory), cancellationToken));
        using var entra = LoadRunner.Client(authority);
        var tokens = new Dictionary<string, AuthenticationHeaderValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users)
        {
            world.Salesforce.AddUser(user, email: user, lastName: user.Split('@')[0]);
            using var answer = await entra.PostAsJsonAsync($"{world.Entra.BaseUrl}/__admin/tokens", new { audience = HostedApi.Audience, user }, cancellationToken);
            answer.EnsureSuccessStatusCode();
            var token = (await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["access_token"]?.GetValue<string>()
                ?? throw new InvalidOperationException("The Entra emulator answered no access_token.");
            tokens[user] = new AuthenticationHeaderValue("Bearer", token);
        }

        // Plain HTTP on loopback (TLS would be the reverse proxy's); one connection per concurrent caller, kept alive.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = hosted.BaseAddress };
        return new AddinLookupClient(http, tokens);
    }

    /// <summary>
    /// True when the API answered 200 with every address once, in order, the first
    /// <paramref name="known"/> with at least one CRM contact and the others with none.
    /// </summary>
    public async Task<bool> LookupAsync(string user, IReadOnlyList<string> emails, int known, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/addin/lookup") { Content = JsonContent.Create(new { emails }) };
        request.Headers.Authorization = tokens[user];
        using var response = await api.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return Answers(json.RootElement, emails, known);
    }

    internal static bool Answers(JsonElement root, IReadOnlyList<string> emails, int known)
    {
        if (!root.TryGetProperty("matches", out var matches) || matches.ValueKind != JsonValueKind.Array || matches.GetArrayLength() != emails.Count)
        {
            return false;
        }

        var i = 0;
        foreach (var match in matches.EnumerateArray())
        {
            var records = match.GetProperty("records");
            var found = records.GetArrayLength() > 0 && records[0].GetProperty("type").GetString() == "Contact";
            var empty = records.GetArrayLength() == 0;
            if (match.GetProperty("email").GetString() != emails[i] || (i < known ? !found : !empty))
            {
                return false;
            }

            i++;
        }

        return true;
    }

    public void Dispose() => api.Dispose();
}
