using System.Text.Json.Nodes;
using OutlookCrm.Core.Sync;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.EndToEnd.Tests;

public sealed class EditSyncTests
{
    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task Edits_flow_both_ways_a_conflict_goes_to_the_winner_and_deletes_follow_the_rule(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        var ids = world.Salesforce.Seed(new SeedRequest
        {
            Contacts = new[] { "ann", "bob", "cy", "dee" }.Select(n => new JsonObject
            {
                ["ref"] = n, ["FirstName"] = n, ["LastName"] = "Person", ["Email"] = $"{n}@fabrikam.com", ["OwnerId"] = world.CrmUserId,
            }).ToList(),
        }).Ids;
        await world.SyncAsync();
        var outlook = world.Exchange.Outlook(SyncWorld.Mailbox);
        ContactItem OutlookContact(string name) => world.ExchangeItems<ContactItem>().Single(c => c.GivenName == name);

        world.Salesforce.EditRecord("Contact", ids["ann"], new JsonObject { ["Title"] = "CTO" });
        outlook.EditContact(GraphId(world, OutlookContact("bob")), c => c with { Department = "Sales" });
        world.Salesforce.EditRecord("Contact", ids["cy"], new JsonObject { ["Title"] = "From CRM" });
        outlook.EditContact(GraphId(world, OutlookContact("cy")), c => c with { JobTitle = "From Outlook" });
        world.Salesforce.DeleteRecord(ids["dee"]);
        world.Wait(TimeSpan.FromMinutes(2));
        var report = await world.SyncAsync();

        Assert.True(report.Contacts.Errors.Count == 0, string.Join("; ", report.Contacts.Errors.Select(e => $"{e.Code}: {e.Message}")));
        Assert.Equal("CTO", OutlookContact("ann").JobTitle);
        Assert.Equal("Sales", (string?)world.Salesforce.GetRecord(ids["bob"])!["Department"]);
        Assert.Equal("From CRM", OutlookContact("cy").JobTitle);               // contacts: CRM wins
        Assert.Equal("From CRM", (string?)world.Salesforce.GetRecord(ids["cy"])!["Title"]);
        Assert.Equal(1, report.Contacts.Conflicts);
        Assert.DoesNotContain(world.ExchangeItems<ContactItem>(), c => c.GivenName == "dee");
        Assert.Equal(0, (await world.SyncAsync()).Contacts.Writes);
    }

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_contact_the_crm_refuses_fails_alone_and_shows_as_an_item_error(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Exchange.Seed(new SeedDocument
        {
            Contacts =
            [
                new SeedContact { Mailbox = SyncWorld.Mailbox, GivenName = "Good", Surname = "One", EmailAddresses = ["good@contoso.com"] },
                new SeedContact { Mailbox = SyncWorld.Mailbox, GivenName = "Bad", Surname = "Address", EmailAddresses = ["bad@@contoso"] },
                new SeedContact { Mailbox = SyncWorld.Mailbox, GivenName = "Also", Surname = "Good", EmailAddresses = ["also@contoso.com"] },
            ],
        });

        var report = await world.SyncAsync();

        Assert.Equal(2, world.CrmRecords("Contact").Count(c => (string?)c["OwnerId"] == world.CrmUserId));
        var error = Assert.Single(report.Contacts.Errors);
        Assert.Equal("INVALID_EMAIL_ADDRESS", error.Code);
        var errors = await world.State.LoadItemErrorsAsync(SyncWorld.Mailbox, ObjectKind.Contact, CancellationToken.None);
        Assert.Equal("INVALID_EMAIL_ADDRESS", Assert.Single(errors).Code);
    }

    private static string GraphId(SyncWorld world, ContactItem contact) =>
        new ItemId(ItemIdKind.Item, world.Exchange.Store.FindMailbox(SyncWorld.Mailbox)!.Id, contact.Key).ToGraph();
}
