using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using static OutlookCrm.Core.Tests.Connectors.Graph.GraphFixtures;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

public sealed class GraphContactReadTests
{
    private const string DeltaPath = "/contacts/delta";

    [Fact]
    public async Task Full_scan_reads_1000_contacts_in_at_most_10_delta_pages_and_no_stamps()
    {
        var fake = new FakeGraph();
        var contacts = Enumerable.Range(0, 1050).Select(i => Contact(i)).ToList();
        ServeDeltaRound(fake, DeltaPath, "r1", contacts, r => !r.PathAndQuery.Contains("token=", StringComparison.Ordinal));

        var pages = await ToListAsync(fake.Connector().Contacts.ReadChangesAsync(Scope, null, default));

        var deltaCalls = fake.Requests.Count(r => r.Uri.AbsolutePath.EndsWith(DeltaPath, StringComparison.Ordinal));
        Assert.InRange(deltaCalls, 2, 10);
        Assert.Equal(1050, pages.Sum(p => p.Changed.Count));
        Assert.Equal(1050, pages.SelectMany(p => p.Changed).Select(c => c.Id).Distinct().Count());
        Assert.All(pages, p => Assert.True(p.IsFullScan));
        Assert.True(pages[^1].IsLast);
        Assert.All(pages[..^1], p => Assert.False(p.IsLast));
        Assert.Equal(DeltaLink(DeltaPath, "r1"), pages[^1].Cursor);
        Assert.Contains("$skiptoken=r1-", pages[0].Cursor, StringComparison.Ordinal);
        var all = pages.SelectMany(p => p.Changed).ToDictionary(c => c.Id);
        Assert.Equal("ck-8-v1", all["contact-8"].Version);
        Assert.All(all.Values, c => Assert.Null(c.Body!.PartnerId));
        Assert.Equal(deltaCalls, fake.Requests.Count); // stamps only when the engine asks (after an interrupted run)
    }

    [Fact]
    public async Task Stamps_of_most_of_the_folder_come_from_one_listing_of_every_contact()
    {
        var fake = new FakeGraph();
        // The stamp listing pages like any collection: ids only, our property expanded where present.
        fake.On("GET", "/contacts?$select=id&$expand=singleValueExtendedProperties($filter=id eq '", r => r.PathAndQuery.Contains("$skiptoken=s2", StringComparison.Ordinal)
            ? FakeAnswer.Json(new JsonObject { ["value"] = new JsonArray(Stamped("contact-1049", "003CRM1049"), new JsonObject { ["id"] = "contact-1048" }) })
            : FakeAnswer.Json(new JsonObject
            {
                ["value"] = new JsonArray(Stamped("contact-7", "003CRM7"), new JsonObject { ["id"] = "contact-8" }),
                ["@odata.nextLink"] = r.Uri + "&$skiptoken=s2",
            }));
        var contacts = (IPartnerStampReader<Contact>)fake.Connector().Contacts;

        var stamps = await contacts.ReadPartnerIdsAsync(Scope, Enumerable.Range(0, 1050).Select(i => $"contact-{i}").ToList(), itemsOnSide: 1050, default);

        Assert.Equal(new Dictionary<string, string> { ["contact-7"] = "003CRM7", ["contact-1049"] = "003CRM1049" }, stamps);
        Assert.Equal(2, fake.Requests.Count); // two list pages, not 53 batches
    }

    [Fact]
    public async Task Incremental_read_resumes_from_the_delta_link_and_reports_removed_items()
    {
        var fake = new FakeGraph();
        var changes = Enumerable.Range(0, 1100).Select(i => Contact(i, "v2")).Concat(Enumerable.Range(2000, 100).Select(i => Removed($"contact-{i}"))).ToList();
        ServeDeltaRound(fake, DeltaPath, "r2", changes, r => r.PathAndQuery.Contains("$deltatoken=r1-done", StringComparison.Ordinal));

        var pages = await ToListAsync(fake.Connector().Contacts.ReadChangesAsync(Scope, DeltaLink(DeltaPath, "r1"), default));

        Assert.Equal(DeltaLink(DeltaPath, "r1"), fake.Requests[0].Uri.ToString());
        Assert.All(pages, p => Assert.False(p.IsFullScan));
        Assert.Equal(1100, pages.Sum(p => p.Changed.Count));
        Assert.Equal(Enumerable.Range(2000, 100).Select(i => $"contact-{i}"), pages.SelectMany(p => p.Deleted));
        Assert.Equal(DeltaLink(DeltaPath, "r2"), pages[^1].Cursor);
        Assert.InRange(fake.Requests.Count(r => r.Uri.AbsolutePath.EndsWith(DeltaPath, StringComparison.Ordinal)), 2, 10);
    }

    [Fact]
    public async Task Stamps_of_a_few_contacts_are_read_through_one_batch()
    {
        var fake = new FakeGraph();
        fake.On("GET", "/contacts/contact-1?$select=id&$expand=singleValueExtendedProperties($filter=id eq '", _ => FakeAnswer.Json(Stamped("contact-1", "003A")));
        fake.On("GET", "/contacts/contact-2?$select=id&$expand=", _ => FakeAnswer.Json(new JsonObject { ["id"] = "contact-2" }));
        var contacts = (IPartnerStampReader<Contact>)fake.Connector().Contacts;

        var stamps = await contacts.ReadPartnerIdsAsync(Scope, ["contact-1", "contact-2"], itemsOnSide: 1000, default);

        Assert.Equal(new Dictionary<string, string> { ["contact-1"] = "003A" }, stamps);
        Assert.Single(fake.Requests, r => r.Uri.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal));
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Expired_delta_token_410_restarts_with_a_full_scan_flagged_as_such()
    {
        var fake = new FakeGraph();
        fake.On("GET", "$deltatoken=old-done", _ => FakeAnswer.Error(410, "SyncStateNotFound", "The sync state is no longer valid."));
        ServeDeltaRound(fake, DeltaPath, "full", Enumerable.Range(0, 30).Select(i => Contact(i)).ToList(), r => !r.PathAndQuery.Contains("token=", StringComparison.Ordinal));

        var pages = await ToListAsync(fake.Connector().Contacts.ReadChangesAsync(Scope, DeltaLink(DeltaPath, "old"), default));

        Assert.All(pages, p => Assert.True(p.IsFullScan));
        Assert.All(pages, p => Assert.Contains("410", p.FullScanReason, StringComparison.Ordinal));
        Assert.Equal(30, pages.Sum(p => p.Changed.Count));
        Assert.Equal(DeltaLink(DeltaPath, "full"), pages[^1].Cursor);
        Assert.EndsWith("/users/alice%40contoso.com/contacts/delta", fake.Requests[1].Uri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_by_id_maps_every_field_and_reads_the_partner_id_back_via_expand()
    {
        var fake = new FakeGraph();
        var contact = FakeGraph.Fixture("contact.json");
        contact["singleValueExtendedProperties"] = new JsonArray(new JsonObject { ["id"] = ExtendedProperties.PartnerId, ["value"] = "003XYZ" });
        fake.On("GET", $"/contacts/{contact["id"]}?$expand=singleValueExtendedProperties($filter=id eq '{ExtendedProperties.PartnerId}')", _ => FakeAnswer.Json(contact));
        fake.On("GET", "/contacts/gone", _ => FakeAnswer.Error(404, "ErrorItemNotFound"));

        var read = await fake.Connector().Contacts.ReadAsync(Scope, [contact["id"]!.GetValue<string>(), "gone"], default);

        var item = Assert.Single(read);
        Assert.Equal("EQAAABYAAAAjBTOJgfOdTbcQqbXkKanxAAAGQvJc", item.Version);
        var expected = new Contact
        {
            GivenName = "Bob", Surname = "Lee", DisplayName = "Bob Lee",
            Emails = ["bob@fabrikam.com", "bob.lee@fabrikam.com", "boblee@contoso.net"],
            BusinessPhone = "+1 425 555 0100", MobilePhone = "+1 425 555 0103", HomePhone = "+1 425 555 0102",
            CompanyName = "Fabrikam", JobTitle = "CTO", Department = "Engineering",
            BusinessAddress = new PostalAddress("1 Microsoft Way", "Redmond", "WA", "98052", "United States"),
            PartnerId = "003XYZ",
        };
        Assert.Equal(expected with { Emails = [], Custom = item.Body.Custom }, item.Body with { Emails = [] });
        Assert.Equal(expected.Emails, item.Body.Emails);
    }

    [Fact]
    public async Task A_cursor_pointing_at_another_host_is_refused_before_the_token_leaves()
    {
        var fake = new FakeGraph();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ToListAsync(fake.Connector().Contacts.ReadChangesAsync(Scope, "https://attacker.test/v1.0/users/x/contacts/delta?$deltatoken=1", default)));

        Assert.Empty(fake.Requests);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
