using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Emulators.Entra;

namespace OutlookCrm.Api.Tests.Addin;

public sealed class AddinApiTests : IAsyncLifetime
{
    private readonly FakeCrm crm = new();
    private ApiHost host = null!;
    private HttpClient alice = null!;

    public async Task InitializeAsync()
    {
        crm.People["bob@fabrikam.com"] = new CrmPerson("Contact", "003000000000001AAA", "Bob Lee", "bob@fabrikam.com", "CTO", "+1 555", new CrmAccountRef("001000000000001AAA", "Fabrikam"), null, "https://x/lightning/r/Contact/003000000000001AAA/view");
        host = await ApiHost.StartAsync(services: s => s.AddSingleton<IConnectorSource>(crm));
        alice = host.Client(host.Token(new TokenRequest { User = "alice@contoso.com" }));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Lookup_of_100_addresses_answers_each_once_with_one_crm_call()
    {
        var emails = Enumerable.Range(0, 99).Select(i => $"nobody{i}@example.com").Prepend("bob@fabrikam.com").ToList();

        var body = await PostJsonAsync("/api/addin/lookup", new { emails });

        var matches = body.GetProperty("matches").EnumerateArray().ToList();
        Assert.Equal(emails, matches.Select(m => m.GetProperty("email").GetString()));
        Assert.Single(crm.Lookups);
        var bob = matches[0].GetProperty("records")[0];
        Assert.Equal(("Contact", "Fabrikam"), (bob.GetProperty("type").GetString(), bob.GetProperty("account").GetProperty("name").GetString()));
        Assert.Equal("Big deal", matches[0].GetProperty("opportunities")[0].GetProperty("name").GetString());
        Assert.Equal(0, matches[1].GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task A_repeated_lookup_is_answered_from_the_cache()
    {
        await PostJsonAsync("/api/addin/lookup", new { emails = new[] { "bob@fabrikam.com" } });
        await PostJsonAsync("/api/addin/lookup", new { emails = new[] { "BOB@fabrikam.com" } });

        Assert.Single(crm.Lookups);
        Assert.Equal(1, crm.ConnectorRequests); // the cached answer needed no connector: no store read, no decryption
    }

    [Fact]
    public async Task A_new_crm_connection_makes_cached_lookups_ask_the_crm_again()
    {
        await PostJsonAsync("/api/addin/lookup", new { emails = new[] { "bob@fabrikam.com" } });
        using var admin = host.Client(host.AdminToken());
        using var put = await admin.PutAsync("/api/admin/connections/crm", new StringContent(
            """{"type":"salesforce","loginUrl":"https://login.salesforce.com","apiVersion":"62.0","auth":{"type":"clientCredentials","clientId":"3MVG9","clientSecret":"sf-secret"}}""",
            System.Text.Encoding.UTF8, "application/json"));
        await PostJsonAsync("/api/addin/lookup", new { emails = new[] { "bob@fabrikam.com" } });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, crm.Lookups.Count);
    }

    [Fact]
    public async Task Addresses_with_quotes_and_plus_signs_pass_through_unchanged()
    {
        var body = await PostJsonAsync("/api/addin/lookup", new { emails = new[] { "o'brien+sales@example.com", "\"quoted\"@example.com" } });

        Assert.Equal(["o'brien+sales@example.com", "\"quoted\"@example.com"], crm.Lookups.Single());
        Assert.Equal(2, body.GetProperty("matches").GetArrayLength());
    }

    [Fact]
    public async Task Creating_a_contact_makes_the_caller_its_owner_and_refreshes_the_lookup()
    {
        await PostJsonAsync("/api/addin/lookup", new { emails = new[] { "new@fabrikam.com" } });

        using var response = await alice.PostAsJsonAsync("/api/addin/contacts", new { email = "new@fabrikam.com", firstName = "New", lastName = "Person", asLead = false });
        var after = await PostJsonAsync("/api/addin/lookup", new { emails = new[] { "new@fabrikam.com" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(FakeCrm.UserId, crm.Created.Single().OwnerId);
        Assert.Equal(2, crm.Lookups.Count);
        Assert.Equal("Contact", after.GetProperty("matches")[0].GetProperty("records")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Relating_twice_updates_the_same_crm_event_and_unlinking_deletes_it()
    {
        var link = new { subject = "Demo", start = "2026-12-07T09:00:00Z", end = "2026-12-07T09:30:00Z", isAllDay = false, attendees = new[] { "bob@fabrikam.com" }, whoIds = new[] { "003000000000001AAA" }, whatId = "006000000000001AAA" };

        var first = await PutJsonAsync("/api/addin/events/AAMkAGI2%2BabcQ%3D/crm-link", link);
        var second = await PutJsonAsync("/api/addin/events/AAMkAGI2%2BabcQ%3D/crm-link", link with { start = "2026-12-07T10:00:00Z", end = "2026-12-07T10:30:00Z" });
        using var get = await alice.GetAsync("/api/addin/events/AAMkAGI2%2BabcQ%3D/crm-link");
        using var delete = await alice.DeleteAsync("/api/addin/events/AAMkAGI2%2BabcQ%3D/crm-link");
        using var gone = await alice.GetAsync("/api/addin/events/AAMkAGI2%2BabcQ%3D/crm-link");

        Assert.Equal(first.GetProperty("crmEventId").GetString(), second.GetProperty("crmEventId").GetString());
        Assert.Equal(first.GetProperty("crmEventId").GetString(), crm.Links[1].Request.KnownCrmEventId);
        Assert.Equal(FakeCrm.UserId, crm.Links[1].Request.OwnerId);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal([first.GetProperty("crmEventId").GetString()!], crm.DeletedEvents);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Not linked", JsonDocument.Parse(await gone.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_user_unknown_to_the_crm_gets_403_problem()
    {
        using var client = host.Client(host.Token(new TokenRequest { User = "mallory@contoso.com" }));

        using var response = await client.PostAsJsonAsync("/api/addin/lookup", new { emails = new[] { "bob@fabrikam.com" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("mallory@contoso.com", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "/api/addin/lookup", """{"emails":[]}""", "emails" },
        { "/api/addin/lookup", "{\"emails\":[" + string.Join(',', Enumerable.Range(0, 101).Select(i => $"\"a{i}@x.com\"")) + "]}", "emails" },
        { "/api/addin/lookup", """{"emails":["not-an-address"]}""", "emails[0]" },
        { "/api/addin/lookup", """{"emails":["a@b.com\r\nBcc: x@y.com"]}""", "emails[0]" },
        { "/api/addin/contacts", """{"email":"a@b.com","asLead":false}""", "lastName" },
        { "/api/addin/contacts", """{"email":"a@b.com","lastName":"X","asLead":true}""", "company" },
        { "/api/addin/contacts", """{"email":"a@b.com","lastName":"X","accountId":"001' OR Name != '","asLead":false}""", "accountId" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_400_naming_the_field(string path, string json, string field)
    {
        using var response = await alice.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _), body.RootElement.ToString());
        Assert.Empty(crm.Lookups);
    }

    [Fact]
    public async Task A_link_mixing_a_lead_and_contacts_is_refused()
    {
        using var response = await alice.PutAsJsonAsync("/api/addin/events/AAMk1/crm-link", new
        {
            subject = "Demo", start = "2026-12-07T09:00:00Z", end = "2026-12-07T09:30:00Z", whoIds = new[] { "003000000000001AAA", "00Q000000000001AAA" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(crm.Links);
    }

    [Fact]
    public async Task A_null_among_the_related_ids_is_a_400_naming_it_not_a_500()
    {
        using var response = await alice.PutAsync("/api/addin/events/AAMk1/crm-link", new StringContent(
            """{"subject":"Demo","start":"2026-12-07T09:00:00Z","end":"2026-12-07T09:30:00Z","whoIds":[null]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("whoIds[0]", out _), body.RootElement.ToString());
        Assert.Empty(crm.Links);
    }

    [Fact]
    public async Task A_crm_refusal_is_a_400_with_the_crms_own_code()
    {
        crm.FailCreateWith = new SalesforceException(HttpStatusCode.BadRequest, [new SalesforceError("INVALID_EMAIL_ADDRESS", "Email: invalid email address: x", ["Email"])]);

        using var response = await alice.PostAsJsonAsync("/api/addin/contacts", new { email = "x@y.com", lastName = "X", asLead = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_EMAIL_ADDRESS", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_add_in_api_needs_a_token()
    {
        using var response = await host.Client().PostAsJsonAsync("/api/addin/lookup", new { emails = new[] { "bob@fabrikam.com" } });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var response = await alice.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> PutJsonAsync<T>(string path, T body)
    {
        using var response = await alice.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
