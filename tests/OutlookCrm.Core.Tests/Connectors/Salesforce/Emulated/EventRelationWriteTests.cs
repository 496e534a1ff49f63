using System.Text.Json.Nodes;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce.Emulated;

/// <summary>Attendees written as EventRelations: matched in bulk, within Shared Activities, crash-safe.</summary>
public sealed class EventRelationWriteTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static WriteRequest<CalendarEvent> Create(string key, int day, IReadOnlyList<string> people, string? state = null) =>
        new(key, WriteKind.Create, null, null, new CalendarEvent
        {
            Subject = $"Meeting {key}", Start = Monday.AddDays(day), End = Monday.AddDays(day).AddMinutes(30), PartnerId = $"AAMk{key}",
        }) { Links = new ItemLinks([EmulatedOrg.Mailbox, .. people], state) };

    private static Dictionary<string, string> SeedPeople(EmulatedOrg org, int contacts)
    {
        var seeded = org.Emulator.Seed(new SeedRequest
        {
            Contacts = [.. Enumerable.Range(0, contacts).Select(i => new JsonObject { ["ref"] = $"c{i}", ["LastName"] = $"C{i}", ["Email"] = $"c{i}@fabrikam.com" }),
                new JsonObject { ["ref"] = "obrien", ["LastName"] = "O'Brien", ["Email"] = "o'brien@fabrikam.com" }],
            Leads =
            [
                new JsonObject { ["ref"] = "lena", ["LastName"] = "Lena", ["Company"] = "Prospect", ["Email"] = "lena@prospect.com" },
                new JsonObject { ["ref"] = "leo", ["LastName"] = "Leo", ["Company"] = "Prospect", ["Email"] = "leo@prospect.com" },
            ],
        });
        return seeded.Ids.ToDictionary();
    }

    private static List<string> Relations(EmulatedOrg org, string eventId) =>
        [.. org.Emulator.GetRecords("EventRelation").Where(r => (string?)r["EventId"] == eventId).Select(r => (string)r["RelationId"]!).Order()];

    [Fact]
    public async Task A_batch_is_matched_in_one_composite_call_and_related_in_one_collections_call_whatever_its_size()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var ids = SeedPeople(org, 60);
        var writes = Enumerable.Range(0, 40).Select(i => Create($"e{i}", i, [$"c{i}@fabrikam.com", $"c{i + 1}@fabrikam.com", "o'brien@fabrikam.com", "stranger@nowhere.test"])).ToList();

        var outcomes = await org.Connector.Events.ApplyAsync(org.Scope, writes, CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Succeeded && o.Links is { Complete: true }));
        var first = outcomes.Single(o => o.Key == "e0");
        Assert.Equal(new[] { ids["c0"], ids["c1"], ids["obrien"] }.Order(), Relations(org, first.Id!));
        Assert.Equal(string.Join(",", new[] { ids["c0"], ids["c1"], ids["obrien"] }.Order(StringComparer.Ordinal)), first.Links!.State);
        Assert.Equal(["attendee stranger@nowhere.test matches no CRM contact or lead"], first.Losses);
        // One query for the relations; single events' versions are not read back (the next change read returns them as the sync's writes).
        Assert.Equal((1, 1, 1), (org.Calls("sf.composite"), org.Calls("sf.collections.create"), org.Calls("sf.query")));
    }

    [Fact]
    public async Task Shared_activities_limits_hold_and_who_does_not_fit_is_named()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var ids = SeedPeople(org, 52);

        var outcomes = await org.Connector.Events.ApplyAsync(org.Scope,
        [
            Create("many", 0, [.. Enumerable.Range(0, 52).Select(i => $"c{i}@fabrikam.com"), "lena@prospect.com"]),
            Create("leads", 1, ["lena@prospect.com", "leo@prospect.com"]),
        ], CancellationToken.None);

        var many = outcomes.Single(o => o.Key == "many");
        Assert.Equal(50, Relations(org, many.Id!).Count);
        Assert.Equal(2, many.Losses.Count(l => l.Contains("at most 50 contacts", StringComparison.Ordinal)));
        Assert.Contains(many.Losses, l => l.StartsWith("attendee lena@prospect.com is not linked", StringComparison.Ordinal));
        var leads = outcomes.Single(o => o.Key == "leads");
        Assert.Equal([ids["lena"]], Relations(org, leads.Id!));
        Assert.Equal(["attendee leo@prospect.com is not linked: an event relates to one lead at most"], leads.Losses);
    }

    [Fact]
    public async Task Only_relations_the_sync_made_are_removed()
    {
        await using var org = await EmulatedOrg.StartAsync();
        var ids = SeedPeople(org, 3);
        var created = Assert.Single(await org.Connector.Events.ApplyAsync(org.Scope, [Create("e", 0, ["c0@fabrikam.com", "c1@fabrikam.com"])], CancellationToken.None));
        org.Emulator.CreateRecord("EventRelation", new JsonObject { ["EventId"] = created.Id, ["RelationId"] = ids["c2"], ["IsParent"] = true });

        var update = Create("e", 0, ["c1@fabrikam.com"], created.Links!.State) with { Kind = WriteKind.Update, Id = created.Id };
        var updated = Assert.Single(await org.Connector.Events.ApplyAsync(org.Scope, [update], CancellationToken.None));

        Assert.Equal(new[] { ids["c1"], ids["c2"] }.Order(), Relations(org, created.Id!));
        Assert.Equal(ids["c1"], updated.Links!.State);
    }

    [Fact]
    public async Task A_run_killed_after_any_write_and_run_again_ends_with_the_same_event_and_relations()
    {
        var people = new[] { "c0@fabrikam.com", "c1@fabrikam.com", "c2@fabrikam.com" };
        for (var position = 1; position <= 2; position++) // the event's upsert, then its relations
        {
            await using var org = await EmulatedOrg.StartAsync();
            var ids = SeedPeople(org, 3);
            org.Interrupt.AfterWrites = position;

            await Assert.ThrowsAsync<InterruptedException>(() => org.Connector.Events.ApplyAsync(org.Scope, [Create("e", 0, people)], CancellationToken.None));
            var rerun = Assert.Single(await org.Connector.Events.ApplyAsync(org.Scope, [Create("e", 0, people)], CancellationToken.None));

            Assert.Single(org.Emulator.GetRecords("Event"));
            Assert.Equal(new[] { ids["c0"], ids["c1"], ids["c2"] }.Order(), Relations(org, rerun.Id!)); // none twice
            Assert.True(rerun.Links!.Complete);
        }
    }
}
