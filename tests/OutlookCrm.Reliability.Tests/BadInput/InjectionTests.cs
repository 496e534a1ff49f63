using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce.Soql;
using OutlookCrm.Reliability.Tests.Support;

namespace OutlookCrm.Reliability.Tests.BadInput;

/// <summary>
/// Issue 10, injection: hostile text sent to the add-in API arrives at Salesforce as exactly one literal
/// value — checked in the emulator's journal of the SOQL it parsed and in the records it stored — and
/// never widens a query.
/// </summary>
public sealed class InjectionTests : IAsyncLifetime
{
    private static readonly string[] HostileAddresses =
    [
        "o'brien@x.com", "a%b@x.com", "a_b@x.com", "x@y.com'OR'Name'!='", @"x@y.com\'OR\'Name\'!=\'", "<x>&amp;@y.com", "q\"uote@x.com", "back\\slash@x.com",
    ];

    private ApiWorld world = null!;

    public async Task InitializeAsync() => world = await ApiWorld.StartAsync();

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_lookup_of_hostile_addresses_queries_each_as_one_literal_and_finds_only_its_own_record()
    {
        var own = new[] { "o'brien@x.com", "a%b@x.com", "a_b@x.com" }.ToDictionary(e => e, e => CrmContact(e));
        foreach (var decoy in new[] { "obrien@x.com", "aXb@x.com", "a-b@x.com", "x@y.com" })
        {
            CrmContact(decoy); // what a widened query (a LIKE wildcard, an OR) would also return
        }

        world.Salesforce.Org.Queries.Clear();
        using var user = world.AddinUser();
        using var response = await user.PostAsJsonAsync("/api/addin/lookup", new { emails = HostileAddresses });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = body["matches"]!.AsArray().ToDictionary(m => (string)m!["email"]!, m => m!["records"]!.AsArray().Select(r => (string)r!["id"]!).ToList());
        Assert.Equal(HostileAddresses.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.All(HostileAddresses, address => Assert.Equal(own.TryGetValue(address, out var id) ? [id] : [], found[address]));
        var byEmail = EmailLiterals();
        Assert.NotEmpty(byEmail);
        Assert.All(byEmail, query => Assert.Equal(HostileAddresses.Order(StringComparer.Ordinal), query.Order(StringComparer.Ordinal)));
        Assert.DoesNotContain(LookupQueries().SelectMany(q => q.Literals), l => l.Operator is "OR" or "NOT" or "LIKE");
    }

    [Fact]
    public async Task An_address_with_a_line_break_is_refused_naming_the_field_before_any_query()
    {
        world.Salesforce.Org.Queries.Clear();
        using var user = world.AddinUser();

        using var response = await user.PostAsJsonAsync("/api/addin/lookup", new { emails = new[] { "ok@x.com", "a@b.com\r\nBcc: evil@example.com" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("emails[1]", out _), problem.RootElement.ToString());
        Assert.Empty(world.Salesforce.Org.Queries.Entries);
    }

    [Fact]
    public async Task A_contact_and_a_meeting_link_with_hostile_text_are_stored_exactly_as_sent()
    {
        const string email = "o'neil+100%@x.com";
        const string lastName = "O'Neil ]]> </t:Subject> & \"Sons\" 100%";
        const string title = "VP <b>Sales</b>\r\nX-Injected: 1";
        const string subject = "Review ]]></t:Subject><t:Body>injected</t:Body> & \"q\" 'q' 100% _%";
        const string body = "<![CDATA[ agenda ]]> & <script>alert(1)</script>\r\nline two";
        using var user = world.AddinUser();

        using var created = await user.PostAsJsonAsync("/api/addin/contacts", new { email, firstName = "Ō'Brien", lastName, title, asLead = false });
        // The meeting exists in Outlook with the hostile text (a synced mailbox's link takes the meeting as Exchange has it).
        var meetingId = world.Exchange.Outlook(ApiWorld.User).CreateEvent(new SeedEvent
        {
            Subject = subject, Body = body, Start = "2026-12-01T09:00:00", End = "2026-12-01T09:30:00", Location = "Room 'A' & <B>", Organizer = ApiWorld.User,
        });
        Assert.True(ItemId.TryParse(meetingId, out var itemId));
        var restId = (itemId with { Kind = ItemIdKind.RestItem }).ToGraph();
        using var linked = await user.PutAsJsonAsync($"/api/addin/events/{restId}/crm-link", new
        {
            subject, start = "2026-12-01T09:00:00Z", end = "2026-12-01T09:30:00Z", isAllDay = false, location = "Room 'A' & <B>", body,
            attendees = new[] { email }, whoIds = Array.Empty<string>(),
        });
        world.Salesforce.Org.Queries.Clear();
        using var lookup = await user.PostAsJsonAsync("/api/addin/lookup", new { emails = new[] { email } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var contact = Assert.Single(world.Salesforce.GetRecords("Contact"), c => (string?)c["Email"] == email);
        Assert.Equal(("Ō'Brien", lastName, title), ((string?)contact["FirstName"], (string?)contact["LastName"], (string?)contact["Title"]));
        var meeting = Assert.Single(world.Salesforce.GetRecords("Event"));
        Assert.Equal((subject, body, "Room 'A' & <B>"), ((string?)meeting["Subject"], (string?)meeting["Description"], (string?)meeting["Location"]));
        var match = JsonNode.Parse(await lookup.Content.ReadAsStringAsync())!["matches"]![0]!;
        Assert.Equal(contact.Id, (string?)match["records"]![0]!["id"]);
        Assert.All(EmailLiterals(), literals => Assert.Equal([email], literals));
    }

    private string CrmContact(string email) =>
        world.Salesforce.CreateRecord("Contact", new JsonObject { ["LastName"] = email.Split('@')[0], ["Email"] = email, ["OwnerId"] = world.CrmUserId });

    /// <summary>The queries of the lookup itself (the caller's own CRM user is looked up by email too).</summary>
    private IEnumerable<ParsedQuery> LookupQueries() => world.Salesforce.Org.Queries.Entries.Where(q => q.From != "User");

    /// <summary>For every lookup query that filters on an email field: the literal values it compared.</summary>
    private List<List<string>> EmailLiterals() => LookupQueries()
        .Select(q => q.Literals.Where(IsEmail).Select(l => l.Value!).ToList())
        .Where(values => values.Count > 0)
        .ToList();

    private static bool IsEmail(QueryLiteral literal) => literal.Field.EndsWith("Email", StringComparison.OrdinalIgnoreCase);
}
