using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.EndToEnd.Tests;

public sealed class ContactSyncTests
{
    /// <summary>The size for a mailbox and a CRM that already share their people.</summary>
    private const int Shared = 100;

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task First_sync_of_shared_contacts_creates_no_duplicates_and_a_second_run_writes_nothing(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Salesforce.Seed(new SeedRequest
        {
            Contacts = Enumerable.Range(0, Shared).Select(i => new JsonObject
            {
                ["FirstName"] = $"Shared{i}", ["LastName"] = "Person", ["Email"] = $"shared{i}@fabrikam.com", ["OwnerId"] = world.CrmUserId,
            }).Append(new JsonObject { ["FirstName"] = "Only", ["LastName"] = "Crm", ["Email"] = "only.crm@fabrikam.com", ["OwnerId"] = world.CrmUserId }).ToList(),
        });
        world.Exchange.Seed(new SeedDocument
        {
            Contacts = Enumerable.Range(0, Shared).Select(i => new SeedContact
            {
                Mailbox = SyncWorld.Mailbox, GivenName = $"Shared{i}", Surname = "Person", EmailAddresses = [$"shared{i}@fabrikam.com"],
            }).Append(new SeedContact { Mailbox = SyncWorld.Mailbox, GivenName = "Only", Surname = "Outlook", EmailAddresses = ["only.outlook@contoso.com"] }).ToList(),
        });

        var first = await world.SyncAsync();
        world.ClearJournals();
        var second = await world.SyncAsync();

        Assert.True(first.Contacts.Errors.Count == 0, string.Join("; ", first.Contacts.Errors.Select(e => $"{e.Code}: {e.Message}")));
        Assert.Equal((1, 1), (first.Contacts.Created.Crm, first.Contacts.Created.Exchange));
        Assert.Equal(Shared, first.Contacts.Matched);
        Assert.Equal(Shared + 2, world.Salesforce.Count("Contact"));
        Assert.Equal(Shared + 2, world.Exchange.Count(SyncWorld.Mailbox, Emulators.Exchange.Store.FolderKind.Contacts));
        Assert.Equal(0, second.Contacts.Writes);
        Assert.Equal((0L, 0L), world.Writes());
    }
}
