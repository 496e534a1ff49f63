using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

public sealed class EwsSyncTests
{
    private static IEnumerable<string> Creates(int from, int count) =>
        Enumerable.Range(from, count).Select(i => EwsAnswers.Create("Contact", $"C{i:D5}", $"K{i}"));

    private static async Task<List<ChangePage<Contact>>> ReadAll(EwsTestHost host, string? cursor)
    {
        var pages = new List<ChangePage<Contact>>();
        await foreach (var page in host.Connector.Contacts.ReadChangesAsync(EwsTestHost.Scope, cursor, CancellationToken.None))
        {
            pages.Add(page);
        }

        return pages;
    }

    [Fact]
    public async Task Full_sync_of_1100_contacts_pages_through_SyncFolderItems_until_the_last_item()
    {
        var host = new EwsTestHost();
        host.Server
            .Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S1", false, Creates(0, 512)))
            .Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S2", false, Creates(512, 512)))
            .Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S3", true, Creates(1024, 76)));

        var pages = await ReadAll(host, cursor: null);

        Assert.Equal(["S1", "S2", "S3"], pages.Select(p => p.Cursor));
        Assert.All(pages, p => Assert.True(p.IsFullScan));
        Assert.Equal([false, false, true], pages.Select(p => p.IsLast));
        Assert.Equal(1100, pages.SelectMany(p => p.Changed).Select(c => c.Id).Distinct().Count());
        Assert.Equal("K1099", pages[2].Changed[^1].Version);

        var requests = host.Server.Of("SyncFolderItems").ToList();
        Assert.Equal(3, requests.Count);
        Assert.Null(requests[0].Body.Element(EwsXml.M + "SyncState"));
        Assert.Equal(["S1", "S2"], requests.Skip(1).Select(r => r.Body.Element(EwsXml.M + "SyncState")!.Value));
        Assert.All(requests, r =>
        {
            Assert.Equal("512", r.Body.Element(EwsXml.M + "MaxChangesReturned")!.Value);
            Assert.Equal("IdOnly", r.Body.Element(EwsXml.M + "ItemShape")!.Element(EwsXml.T + "BaseShape")!.Value);
            Assert.Equal("contacts", (string?)r.Body.Descendants(EwsXml.T + "DistinguishedFolderId").Single().Attribute("Id"));
        });
        Assert.Empty(host.Server.Of("GetItem")); // contacts: versions first, bodies only for what needs work
    }

    [Fact]
    public async Task Reading_1000_changed_contacts_costs_two_SyncFolderItems_and_at_most_ten_GetItem_calls()
    {
        var host = new EwsTestHost();
        host.Server
            .Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S11", false, Creates(0, 512)))
            .Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S12", true, Enumerable.Range(512, 488).Select(i => EwsAnswers.Update("Contact", $"C{i:D5}", $"K{i}"))));
        host.Server.Fallback = request => FakeEwsServer.Xml(EwsAnswers.GetItem(request.Body.Descendants(EwsXml.T + "ItemId")
            .Select(id => (string)id.Attribute("Id")!)
            .Select(id => EwsAnswers.Contact(id, "K" + int.Parse(id[1..]), "Given" + id, "Sur" + id, $"{id}@fabrikam.com", "003" + id))));

        var pages = await ReadAll(host, cursor: "S10");
        var ids = pages.SelectMany(p => p.Changed).Select(c => c.Id).ToList();
        var bodies = await host.Connector.Contacts.ReadAsync(EwsTestHost.Scope, ids, CancellationToken.None);

        Assert.Equal(1000, ids.Count);
        Assert.All(pages, p => Assert.False(p.IsFullScan));
        Assert.Equal("S10", host.Server.Of("SyncFolderItems").First().Body.Element(EwsXml.M + "SyncState")!.Value);
        Assert.Equal(2, host.Server.Of("SyncFolderItems").Count());
        Assert.InRange(host.Server.Of("GetItem").Count(), 1, 10);
        Assert.Equal(1000, bodies.Count);
        var c00042 = bodies.Single(b => b.Id == "C00042");
        Assert.Equal(("K42", "GivenC00042", "003C00042", "C00042@fabrikam.com"), (c00042.Version, c00042.Body.GivenName, c00042.Body.PartnerId, c00042.Body.Emails.Single()));

        // Every GetItem names our partner-id property, so a crash-recovered create is recognised.
        Assert.All(host.Server.Of("GetItem"), r => Assert.Contains(r.Body.Descendants(EwsXml.T + "ExtendedFieldURI"),
            u => (string?)u.Attribute("PropertyName") == "OutlookCrmPartnerId" && (string?)u.Attribute("PropertySetId") == EwsXml.PartnerPropertySetId));
    }

    [Fact]
    public async Task Invalid_sync_state_restarts_with_a_full_scan_flagged_on_every_page()
    {
        var host = new EwsTestHost();
        host.Server
            .Enqueue("SyncFolderItems", EwsTestHost.Fixture("SyncFolderItems-InvalidSyncState.xml"))
            .Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("F1", false, Creates(0, 3)))
            .Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("F2", true, Creates(3, 2)));

        var pages = await ReadAll(host, cursor: "expired-state");

        var requests = host.Server.Of("SyncFolderItems").ToList();
        Assert.Equal(3, requests.Count);
        Assert.Equal("expired-state", requests[0].Body.Element(EwsXml.M + "SyncState")!.Value);
        Assert.Null(requests[1].Body.Element(EwsXml.M + "SyncState"));
        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.True(p.IsFullScan));
        Assert.All(pages, p => Assert.Equal("ErrorInvalidSyncStateData", p.FullScanReason));
        Assert.Equal(5, pages.Sum(p => p.Changed.Count));
    }

    [Fact]
    public async Task A_page_reports_deletes_and_skips_read_flags_and_distribution_lists()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S2", true,
        [
            EwsAnswers.Create("Contact", "C1", "K1"),
            EwsAnswers.Create("DistributionList", "DL1", "K9"),
            EwsAnswers.ReadFlagChange("C1"),
            EwsAnswers.Update("Contact", "C1", "K2"),
            EwsAnswers.Delete("C7"),
        ]));

        var page = Assert.Single(await ReadAll(host, "S1"));

        var changed = Assert.Single(page.Changed);
        Assert.Equal(("C1", "K2"), (changed.Id, changed.Version));
        Assert.Equal(["C7"], page.Deleted);
        Assert.True(page.IsLast);
    }
}
