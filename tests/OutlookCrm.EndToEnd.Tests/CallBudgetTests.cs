using System.Text.Json.Nodes;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>What the connectors cost in remote calls, counted by the emulators' journals (issues 4 and 5).</summary>
public sealed class CallBudgetTests
{
    private static SyncScope Scope(SyncWorld world) => new(SyncWorld.Mailbox, world.CrmUserId,
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Looking_up_100_addresses_is_one_salesforce_call_and_creating_1000_contacts_is_five()
    {
        await using var world = await SyncWorld.StartAsync(Backend.Graph);
        world.Salesforce.SeedContacts(30, i => new JsonObject { ["LastName"] = $"N{i}", ["Email"] = $"known{i}@fabrikam.com", ["OwnerId"] = world.CrmUserId });
        var crm = await world.Service<IConnectorSource>().CrmAsync(CancellationToken.None);
        await crm.FindUserIdByEmailAsync(SyncWorld.Mailbox, CancellationToken.None); // sign in first: the token call is not the lookup's
        world.ClearJournals();

        var matches = await crm.LookupByEmailsAsync(Enumerable.Range(0, 100).Select(i => i < 30 ? $"known{i}@fabrikam.com" : $"unknown{i}@example.com").ToList(), CancellationToken.None);
        var lookupCalls = world.Salesforce.Admin.Journal.Total;
        world.ClearJournals();
        var writes = Enumerable.Range(0, 1000).Select(i => new WriteRequest<Contact>($"{i}", WriteKind.Create, null, null,
            new Contact { GivenName = "New", Surname = $"Person{i}", Emails = [$"new{i}@contoso.com"], PartnerId = $"AAMk{i}" })).ToList();
        var outcomes = await crm.Contacts.ApplyAsync(Scope(world), writes, CancellationToken.None);

        Assert.Equal(100, matches.Count);
        Assert.Equal(30, matches.Count(m => m.Records.Count > 0));
        Assert.Equal(1, lookupCalls);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Message));
        Assert.Equal(5, world.Salesforce.Admin.Journal.ByOperation.Where(kv => kv.Key.StartsWith("sf.collections", StringComparison.Ordinal)).Sum(kv => kv.Value));
    }

    [Theory]
    [InlineData(Backend.Ews)]
    [InlineData(Backend.Graph)]
    public async Task Reading_1000_changed_contacts_and_writing_1000_stay_within_the_protocol_budgets(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        var exchange = await world.Service<IConnectorSource>().MailboxAsync(CancellationToken.None);
        world.Exchange.SeedContacts(SyncWorld.Mailbox, 1000);
        world.ClearJournals();

        var changed = 0;
        await foreach (var page in exchange.Contacts.ReadChangesAsync(Scope(world), null, CancellationToken.None))
        {
            changed += page.Changed.Count;
            var unread = page.Changed.Where(c => c.Body is null).Select(c => c.Id).ToList();
            if (unread.Count > 0)
            {
                changed -= unread.Count - (await exchange.Contacts.ReadAsync(Scope(world), unread, CancellationToken.None)).Count;
            }
        }

        var reads = Journal(world);
        world.ClearJournals();
        var writes = Enumerable.Range(0, 1000).Select(i => new WriteRequest<Contact>($"{i}", WriteKind.Create, null, null,
            new Contact { GivenName = "Crm", Surname = $"Person{i}", Emails = [$"crm{i}@fabrikam.com"], PartnerId = $"003{i:D15}" })).ToList();
        var outcomes = await exchange.Contacts.ApplyAsync(Scope(world), writes, CancellationToken.None);
        var written = Journal(world);

        Assert.Equal(1000, changed);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Message));
        if (backend == Backend.Ews)
        {
            Assert.True(reads.GetValueOrDefault("ews.SyncFolderItems") <= 2, Describe(reads));
            Assert.True(reads.GetValueOrDefault("ews.GetItem") <= 10, Describe(reads));
            Assert.True(written.Values.Sum() <= 10, Describe(written));
        }
        else
        {
            Assert.True(reads.GetValueOrDefault("graph.contacts.delta") <= 10, Describe(reads));
            Assert.True(written.GetValueOrDefault("graph.batch") <= 50, Describe(written));
        }
    }

    private static IReadOnlyDictionary<string, long> Journal(SyncWorld world) =>
        world.Backend == Backend.Ews ? world.Exchange.Ews.Admin.Journal.ByOperation : world.Exchange.Graph.Admin.Journal.ByOperation;

    private static string Describe(IReadOnlyDictionary<string, long> calls) => string.Join(", ", calls.Select(kv => $"{kv.Key}={kv.Value}"));
}
