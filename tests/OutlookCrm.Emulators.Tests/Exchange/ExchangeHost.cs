using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>A started Exchange emulator (both fronts) with raw HTTP clients and an Entra emulator that mints tokens (not started: only its keys are needed).</summary>
public sealed class ExchangeHost : IAsyncLifetime
{
    public const string Alice = "alice@contoso.com";
    public const string Bob = "bob@contoso.com";
    public const string SyncApp = "11111111-2222-3333-4444-555555555555";
    public const string ServiceAccount = "svc-sync@contoso.com";
    public const string ServicePassword = "P@ssw0rd!";
    // Certificates and signing keys are made once: RSA key generation dominates a test's cost otherwise.
    private static readonly Lazy<EmulatorCertificates> SharedCertificates = new(EmulatorCertificates.Create);
    private static readonly Lazy<EntraEmulator> SharedEntra = new(() => new EntraEmulator(SharedCertificates.Value));

    public ExchangeHost()
    {
        Entra = SharedEntra.Value;
        Exchange = new ExchangeEmulator(SharedCertificates.Value, Entra.Keys);
    }

    public EntraEmulator Entra { get; }
    public ExchangeEmulator Exchange { get; }
    public HttpClient Graph { get; private set; } = null!;
    public HttpClient Ews { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Exchange.StartAsync();
        Graph = EmulatorHttp.Client(Exchange.Graph);
        Ews = EmulatorHttp.Client(Exchange.Ews);
        Exchange.Seed(new SeedDocument
        {
            Mailboxes = [new SeedMailbox { Smtp = Alice, DisplayName = "Alice Adams" }, new SeedMailbox { Smtp = Bob, DisplayName = "Bob Brown" }],
            ServiceAccounts = [new SeedServiceAccount { Username = ServiceAccount, Password = ServicePassword, Impersonate = [Alice] }],
        });
    }

    public async Task DisposeAsync()
    {
        Graph.Dispose();
        Ews.Dispose();
        await Exchange.DisposeAsync();
    }

    public string GraphToken(string? appId = SyncApp, string audience = "https://graph.microsoft.com", bool unknownKey = false, params string[] roles) =>
        Entra.MintToken(new TokenRequest
        {
            Audience = audience,
            User = "app",
            Roles = roles.Length > 0 ? roles : ["Calendars.ReadWrite", "Contacts.ReadWrite"],
            UnknownKey = unknownKey,
            ExtraClaims = appId is null ? null : new JsonObject { ["appid"] = appId },
        });

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> GraphAsync(HttpMethod method, string url, JsonNode? body = null,
        string? prefer = "IdType=\"ImmutableId\"", string? token = null)
    {
        using var request = new HttpRequestMessage(method, url.StartsWith("https://", StringComparison.Ordinal) ? url : "/v1.0" + url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? GraphToken());
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var response = await Graph.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
