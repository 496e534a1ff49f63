using System.Text.Json.Nodes;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>
/// What whole sync runs cost in remote calls, counted by the emulators' journals and worked out
/// from the protocols' page sizes (issue 10): Salesforce SOQL pages of 2,000 records and sObject
/// Collections of 200; Graph delta pages of 200 and <c>$batch</c> of 20; EWS SyncFolderItems and
/// GetItem of 512 items, CreateItem of 100.
/// </summary>
public sealed class SyncCallBudgetTests
{
    private const int ContactsPerSide = 500;
    private const int Events = 1000;

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_first_sync_makes_the_calls_the_page_sizes_give_and_the_run_after_it_only_asks_for_changes(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);
        world.Exchange.SeedContacts(SyncWorld.Mailbox, ContactsPerSide);
        world.Salesforce.SeedContacts(ContactsPerSide, i => new JsonObject
        {
            ["FirstName"] = "Crm", ["LastName"] = $"Person{i}", ["Email"] = $"crm{i}@fabrikam.com", ["OwnerId"] = world.CrmUserId,
        });
        world.Exchange.SeedEvents(SyncWorld.Mailbox, Events, world.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(8));

        var first = await world.SyncAsync();
        var firstCalls = Calls(world);
        world.Wait(TimeSpan.FromMinutes(2));
        world.ClearJournals();
        var next = await world.SyncAsync();

        Assert.Equal((ContactsPerSide, ContactsPerSide, Events), (first.Contacts.Created.Crm, first.Contacts.Created.Exchange, first.Events.Created.Crm));
        // Salesforce, first run: the token, describe of Contact and Event, the mailbox's CRM user; per kind one
        // full-scan page with fields (500 contacts; no events) and one page reading the run's own writes back
        // (500 contacts; 1,000 events), and the event scan's listing of series (their occurrences fold into one item);
        // upserts of 200: 3 + 5. No version read-back (no series were written), no /deleted/ under a minute.
        const string salesforce = "sf.collections.upsert=8, sf.describe=2, sf.query=6, sf.token=1";
        Assert.Equal(backend == Backend.Graph
            // Delta pages of 200: contacts 3 + 3 again for the 500 it created, events 5 + 1 to see nothing new;
            // 500 creates in batches of 20. No partner-stamp reads: nothing was interrupted.
            ? $"graph.batch=25, graph.contacts.delta=6, graph.events.delta=6, {salesforce}"
            // Pages of 512: contacts 1 + 1 for its own creates (their ChangeKeys are the stored ones: no GetItem),
            // events 2 + 1; GetItem one per page with changes (contacts 1, events 2); CreateItem of 100: 5.
            : $"ews.CreateItem=5, ews.GetItem=3, ews.SyncFolderItems=5, {salesforce}",
            firstCalls);
        // The run after: one read per object kind and side (plus /deleted/ per kind and the CRM user), no write.
        Assert.Equal(backend == Backend.Graph
            ? "graph.contacts.delta=1, graph.events.delta=1, sf.deleted=2, sf.query=3"
            : "ews.SyncFolderItems=2, sf.deleted=2, sf.query=3",
            Calls(world));
        Assert.Equal(0, next.Contacts.Writes + next.Events.Writes);

        // Ten minutes on, the records other users stamped before the last reads are read once more (a transaction
        // open then has ended): the same calls — the CRM person's seeded contacts come back in the same page.
        world.Wait(TimeSpan.FromMinutes(11));
        world.ClearJournals();
        var settled = await world.SyncAsync();
        Assert.Equal(0, settled.Contacts.Writes + settled.Events.Writes + settled.Contacts.Errors.Count + settled.Events.Errors.Count);
        Assert.Equal(3, world.Salesforce.Admin.Journal.ByOperation.GetValueOrDefault("sf.query"));
    }

    /// <summary>Every operation the product sent to Salesforce and Exchange (batch members excluded: a $batch is one call).</summary>
    private static string Calls(SyncWorld world)
    {
        var exchange = world.Backend == Backend.Graph ? world.Exchange.Graph.Admin.Journal.ByOperation : world.Exchange.Ews.Admin.Journal.ByOperation;
        return string.Join(", ", world.Salesforce.Admin.Journal.ByOperation.Concat(exchange)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
    }
}
