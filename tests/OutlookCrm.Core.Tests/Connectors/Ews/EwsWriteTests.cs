using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

public sealed class EwsWriteTests
{
    private static readonly Contact Bob = new()
    {
        GivenName = "Bob", Surname = "Lee", DisplayName = "Bob Lee", Emails = ["bob@fabrikam.com", "b.lee@example.org"],
        BusinessPhone = "+1 425 555 0100", MobilePhone = "+1 425 555 0101", CompanyName = "Fabrikam", JobTitle = "CTO",
        Department = "Engineering", BusinessAddress = new PostalAddress("1 Main St", "Redmond", "WA", "98052", "United States"),
        PartnerId = "0035e00000AbCdEAAA",
    };

    private static (EwsTestHost Host, InMemoryEwsMailbox Mailbox) Host()
    {
        var mailbox = new InMemoryEwsMailbox();
        var host = new EwsTestHost();
        host.Server.Fallback = mailbox.Handle;
        return (host, mailbox);
    }

    [Fact]
    public async Task Create_update_delete_round_trip_stamps_the_crm_id_and_reads_it_back()
    {
        var (host, _) = Host();
        var contacts = host.Connector.Contacts;

        var created = Assert.Single(await contacts.ApplyAsync(EwsTestHost.Scope, [new WriteRequest<Contact>("k1", WriteKind.Create, null, null, Bob)], CancellationToken.None));
        Assert.True(created.Succeeded);
        var stamped = host.Server.Of("CreateItem").Single().Body.Descendants(EwsXml.T + "ExtendedProperty").Single();
        Assert.Equal("0035e00000AbCdEAAA", stamped.Element(EwsXml.T + "Value")!.Value);
        Assert.Equal(EwsXml.PartnerPropertySetId, (string?)stamped.Element(EwsXml.T + "ExtendedFieldURI")!.Attribute("PropertySetId"));

        var read = Assert.Single(await contacts.ReadAsync(EwsTestHost.Scope, [created.Id!], CancellationToken.None));
        Assert.Equal(created.Version, read.Version);
        AssertSame(Bob, read.Body);

        var changed = Bob with { JobTitle = "CEO", Emails = ["bob@fabrikam.com"], MobilePhone = null, BusinessAddress = Bob.BusinessAddress! with { City = "Seattle", State = null } };
        var updated = Assert.Single(await contacts.ApplyAsync(EwsTestHost.Scope, [new WriteRequest<Contact>("k2", WriteKind.Update, created.Id, created.Version, changed)], CancellationToken.None));
        Assert.True(updated.Succeeded);
        Assert.NotEqual(created.Version, updated.Version);
        AssertSame(changed, Assert.Single(await contacts.ReadAsync(EwsTestHost.Scope, [created.Id!], CancellationToken.None)).Body);

        var deleted = Assert.Single(await contacts.ApplyAsync(EwsTestHost.Scope, [new WriteRequest<Contact>("k3", WriteKind.Delete, created.Id, updated.Version, null)], CancellationToken.None));
        Assert.True(deleted.Succeeded);
        Assert.Empty(await contacts.ReadAsync(EwsTestHost.Scope, [created.Id!], CancellationToken.None));

        var again = Assert.Single(await contacts.ApplyAsync(EwsTestHost.Scope, [new WriteRequest<Contact>("k4", WriteKind.Delete, created.Id, null, null)], CancellationToken.None));
        Assert.Equal(("ErrorItemNotFound", WriteErrorKind.NotFound), (again.Error!.Code, again.Error.Kind));
    }

    [Fact]
    public async Task A_stale_change_key_is_a_conflict_not_an_overwrite()
    {
        var (host, mailbox) = Host();
        var contacts = host.Connector.Contacts;
        var created = (await contacts.ApplyAsync(EwsTestHost.Scope, [new WriteRequest<Contact>("k1", WriteKind.Create, null, null, Bob)], CancellationToken.None)).Single();
        await contacts.ApplyAsync(EwsTestHost.Scope, [new WriteRequest<Contact>("k2", WriteKind.Update, created.Id, created.Version, Bob with { JobTitle = "CEO" })], CancellationToken.None);

        var stale = Assert.Single(await contacts.ApplyAsync(EwsTestHost.Scope, [new WriteRequest<Contact>("k3", WriteKind.Update, created.Id, created.Version, Bob with { JobTitle = "Intern" })], CancellationToken.None));

        Assert.Equal(("ErrorIrresolvableConflict", WriteErrorKind.Conflict), (stale.Error!.Code, stale.Error.Kind));
        Assert.Equal("CEO", mailbox.Items[created.Id!].Element(EwsXml.T + "JobTitle")!.Value);
        var request = host.Server.Of("UpdateItem").Last().Body;
        Assert.Equal("NeverOverwrite", (string?)request.Attribute("ConflictResolution"));
        Assert.Equal(created.Version, (string?)request.Descendants(EwsXml.T + "ItemId").Single().Attribute("ChangeKey"));
    }

    [Fact]
    public async Task Writing_1000_items_costs_at_most_ten_calls_with_one_outcome_each()
    {
        var (host, mailbox) = Host();
        var writes = Enumerable.Range(0, 1000)
            .Select(i => new WriteRequest<Contact>($"k{i}", WriteKind.Create, null, null, Bob with { PartnerId = $"003{i:D6}" }))
            .ToList();

        var outcomes = await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope, writes, CancellationToken.None);

        Assert.InRange(host.Server.Requests.Count, 1, 10);
        Assert.Equal(1000, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal(writes.Select(w => w.Key).Order(), outcomes.Select(o => o.Key).Order());
        Assert.Equal(1000, mailbox.Items.Count);
        var k737 = outcomes.Single(o => o.Key == "k737");
        Assert.Equal("003000737", mailbox.Items[k737.Id!].Descendants(EwsXml.T + "Value").Single().Value);
    }

    [Fact]
    public async Task One_bad_item_in_a_batch_fails_alone_with_its_response_code()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("CreateItem", EwsAnswers.Envelope("CreateItem", string.Concat(
            EwsAnswers.Success("CreateItem", """<m:Items><t:Contact><t:ItemId Id="A1" ChangeKey="CK-A1"/></t:Contact></m:Items>"""),
            EwsAnswers.Error("CreateItem", "ErrorInvalidPropertyValue", "The property value is invalid. The value can't exceed 255 characters."),
            EwsAnswers.Success("CreateItem", """<m:Items><t:Contact><t:ItemId Id="A3" ChangeKey="CK-A3"/></t:Contact></m:Items>"""))));

        var outcomes = await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope,
            [.. new[] { "a", "b", "c" }.Select(k => new WriteRequest<Contact>(k, WriteKind.Create, null, null, Bob with { PartnerId = k }))], CancellationToken.None);

        Assert.Equal(("A1", "CK-A1"), (outcomes[0].Id, outcomes[0].Version));
        Assert.Equal(("b", "ErrorInvalidPropertyValue", WriteErrorKind.Item), (outcomes[1].Key, outcomes[1].Error!.Code, outcomes[1].Error!.Kind));
        Assert.Equal("A3", outcomes[2].Id);
        Assert.Single(host.Server.Requests);
    }

    [Fact]
    public async Task Invalid_requests_fail_without_a_call()
    {
        var host = new EwsTestHost();

        var outcome = Assert.Single(await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope, [new WriteRequest<Contact>("k", WriteKind.Update, null, null, Bob)], CancellationToken.None));

        Assert.Equal(WriteErrorKind.Item, outcome.Error!.Kind);
        Assert.Empty(host.Server.Requests);
    }

    private static void AssertSame(Contact expected, Contact actual)
    {
        Assert.Equal(expected with { Custom = actual.Custom, Emails = [] }, actual with { Emails = [] });
        Assert.Equal(expected.Emails, actual.Emails);
    }
}
