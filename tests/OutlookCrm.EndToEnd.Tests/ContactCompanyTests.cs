using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>
/// Salesforce holds a contact's company only as its Account's name, and the sync never sets an Account:
/// through the real connectors, a company typed in Outlook survives CRM edits of a contact without an
/// Account, and an Account's name, once there is one, reaches Outlook.
/// </summary>
public sealed class ContactCompanyTests
{
    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task Outlook_keeps_its_company_until_the_crm_contact_has_an_account_and_company_edits_settle(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Exchange.Seed(new SeedDocument
        {
            Contacts =
            [
                new SeedContact { Mailbox = SyncWorld.Mailbox, GivenName = "Ann", Surname = "Lee", EmailAddresses = ["ann@fabrikam.com"], CompanyName = "Fabrikam" },
                new SeedContact { Mailbox = SyncWorld.Mailbox, GivenName = "Bob", Surname = "Ray", EmailAddresses = ["bob@northwind.com"], CompanyName = "Northwind" },
            ],
        });
        await world.SyncAsync();
        string CrmId(string email) => world.CrmRecords("Contact").Single(c => (string?)c["Email"] == email).Id;
        ContactItem OutlookContact(string name) => world.ExchangeItems<ContactItem>().Single(c => c.GivenName == name);
        var (ann, bob) = (CrmId("ann@fabrikam.com"), CrmId("bob@northwind.com"));
        Assert.Null((string?)world.Salesforce.GetRecord(ann)!["AccountId"]);

        var account = world.Salesforce.Seed(new SeedRequest { Accounts = [new JsonObject { ["ref"] = "nw", ["Name"] = "Northwind Traders" }] }).Ids["nw"];
        world.Salesforce.EditRecord("Contact", ann, new JsonObject { ["Phone"] = "+1 555 0100" });
        world.Salesforce.EditRecord("Contact", bob, new JsonObject { ["AccountId"] = account });
        world.Wait(TimeSpan.FromMinutes(2));
        var crmEdits = await world.SyncAsync();

        Assert.True(crmEdits.Contacts.Errors.Count == 0, string.Join("; ", crmEdits.Contacts.Errors.Select(e => $"{e.Code}: {e.Message}")));
        Assert.Equal(("Fabrikam", "+1 555 0100"), (OutlookContact("Ann").CompanyName, OutlookContact("Ann").BusinessPhones.SingleOrDefault()));
        Assert.Equal("Northwind Traders", OutlookContact("Bob").CompanyName);
        Assert.Equal(0, (await world.SyncAsync()).Contacts.Writes);

        world.Exchange.Outlook(SyncWorld.Mailbox).EditContact(world.OutlookId(OutlookContact("Ann")), c => c with { CompanyName = "Fabrikam Ltd" });
        world.Wait(TimeSpan.FromMinutes(2));
        var outlookEdit = await world.SyncAsync();
        world.Wait(TimeSpan.FromMinutes(2));
        var after = await world.SyncAsync();

        Assert.Equal(0, outlookEdit.Contacts.Updated.Exchange);
        Assert.Equal(0, after.Contacts.Writes);
        Assert.Equal("Fabrikam Ltd", OutlookContact("Ann").CompanyName);
        Assert.Null((string?)world.Salesforce.GetRecord(ann)!["AccountId"]);
    }
}
