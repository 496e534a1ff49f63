using System.Text.Json.Nodes;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>
/// An Outlook contact paired by email with a CRM contact whose update Salesforce refuses: the pair is
/// kept on the SQL store, so fixing the contact in Outlook updates the CRM contact instead of creating a twin.
/// </summary>
public sealed class MatchedPairFailureTests
{
    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_matched_contact_the_crm_refuses_shows_the_error_and_is_updated_not_duplicated_once_fixed(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Configuration = world.Configuration with { Contacts = new ContactSyncOptions(SyncDirection.Both, ConflictWinner.Exchange, PropagateDeletes: true) };
        var crmId = world.Salesforce.Seed(new SeedRequest
        {
            Contacts = [new JsonObject { ["ref"] = "ann", ["FirstName"] = "Ann", ["LastName"] = "Lee", ["Email"] = "ann@fabrikam.com", ["OwnerId"] = world.CrmUserId }],
        }).Ids["ann"];
        world.Exchange.Seed(new SeedDocument
        {
            Contacts = [new SeedContact { Mailbox = SyncWorld.Mailbox, GivenName = "Ann", Surname = "Lee", EmailAddresses = ["ann@fabrikam.com"], JobTitle = new string('x', 200) }],
        });

        var refused = await world.SyncAsync();
        var outlookAnn = world.ExchangeItems<ContactItem>().Single();
        world.Exchange.Outlook(SyncWorld.Mailbox).EditContact(world.OutlookId(outlookAnn), c => c with { JobTitle = "Head of Sales" });
        world.Wait(TimeSpan.FromMinutes(2));
        var fixedRun = await world.SyncAsync();

        Assert.Equal("STRING_TOO_LONG", Assert.Single(refused.Contacts.Errors).Code);
        Assert.True(fixedRun.Contacts.Errors.Count == 0, string.Join("; ", fixedRun.Contacts.Errors.Select(e => $"{e.Code}: {e.Message}")));
        var ann = Assert.Single(world.CrmRecords("Contact"), c => (string?)c["Email"] == "ann@fabrikam.com");
        Assert.Equal((crmId, "Head of Sales"), (ann.Id, (string?)ann["Title"]));
        Assert.Single(world.ExchangeItems<ContactItem>());
        Assert.Empty(await world.State.LoadItemErrorsAsync(SyncWorld.Mailbox, ObjectKind.Contact, CancellationToken.None));
        Assert.Equal(0, (await world.SyncAsync()).Contacts.Writes);
    }
}
