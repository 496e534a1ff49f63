using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Tests.Exchange;

public sealed class MailboxStoreTests
{
    private readonly InMemoryMailboxStore store = new();

    [Fact]
    public void Every_write_gives_a_new_change_key_and_a_stale_key_conflicts()
    {
        var box = store.AddMailbox("alice@contoso.com");
        var created = store.Create(box.Id, new ContactItem { GivenName = "Bob" });
        var updated = store.Update<ContactItem>(box.Id, created.Key, c => c with { Surname = "Lee" });

        Assert.Equal(WriteStatus.Ok, updated.Status);
        Assert.NotEqual(created.ChangeKey, updated.Item!.ChangeKey);
        Assert.Equal(WriteStatus.Conflict, store.Update<ContactItem>(box.Id, created.Key, c => c, created.ChangeKey).Status);
    }

    [Fact]
    public void Changes_page_in_change_order_and_report_deletions_only_to_callers_that_saw_the_item()
    {
        var box = store.AddMailbox("alice@contoso.com");
        var keys = Enumerable.Range(0, 5).Select(i => store.Create(box.Id, new ContactItem { GivenName = $"c{i}" }).Key).ToList();

        var first = store.Changes(box.Id, FolderKind.Contacts, 0, 3);
        var second = store.Changes(box.Id, FolderKind.Contacts, first.NextSeq, 3);
        Assert.True(first.MoreAvailable);
        Assert.False(second.MoreAvailable);
        Assert.Equal(keys, first.Changes.Concat(second.Changes).Select(c => c.Item.Key));
        Assert.All(first.Changes, c => Assert.Equal(ChangeKind.Create, c.Kind));

        var transient = store.Create(box.Id, new ContactItem { GivenName = "gone" });
        store.Delete(box.Id, transient.Key);
        store.Delete(box.Id, keys[0]);
        store.Update<ContactItem>(box.Id, keys[1], c => c with { JobTitle = "CTO" });
        var delta = store.Changes(box.Id, FolderKind.Contacts, second.NextSeq, 512);

        Assert.Equal([(ChangeKind.Delete, keys[0]), (ChangeKind.Update, keys[1])], delta.Changes.Select(c => (c.Kind, c.Item.Key)));
        Assert.Equal(4, store.Count(box.Id, FolderKind.Contacts));
    }

    [Fact]
    public void A_weekly_series_expands_in_its_own_zone_with_a_moved_and_a_cancelled_occurrence()
    {
        var box = store.AddMailbox("alice@contoso.com");
        var seeded = new Seeder(store).Apply(new SeedDocument
        {
            Events =
            [
                new SeedEvent
                {
                    Mailbox = box.Smtp, Subject = "Weekly", TimeZone = "W. Europe Standard Time",
                    Start = "2026-03-16T09:00:00", End = "2026-03-16T10:00:00",
                    Recurrence = new SeedRecurrence { Type = "weekly", DaysOfWeek = ["monday"], RangeType = "numbered", NumberOfOccurrences = 4 },
                    Exceptions =
                    [
                        new SeedException { OriginalStart = "2026-03-23T09:00:00", Start = "2026-03-24T14:00:00", End = "2026-03-24T15:00:00" },
                        new SeedException { OriginalStart = "2026-03-30T09:00:00", Cancelled = true },
                    ],
                },
            ],
        });
        Assert.True(ItemId.TryParse(seeded.Events[0], out var id));
        var master = (EventItem)store.Get(box.Id, id.Item)!;

        var instances = RecurrenceExpander.Instances(master, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc)).ToList();

        // 16 Mar is CET (UTC+1), 6 Apr is CEST (UTC+2): 09:00 local both times.
        Assert.Equal(
            [new DateTime(2026, 3, 16, 8, 0, 0), new DateTime(2026, 3, 24, 13, 0, 0), new DateTime(2026, 4, 6, 7, 0, 0)],
            instances.Select(i => DateTime.SpecifyKind(i.StartUtc, DateTimeKind.Unspecified)));
        Assert.NotNull(instances[1].Exception);
    }

    [Fact]
    public void Concurrent_writers_lose_nothing_and_change_tracking_sees_every_item_once()
    {
        var box = store.AddMailbox("alice@contoso.com");
        var keys = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 2000, i =>
        {
            var created = store.Create(box.Id, new ContactItem { GivenName = $"c{i}" });
            keys.Add(created.Key);
            store.Update<ContactItem>(box.Id, created.Key, c => c with { Surname = "x" });
        });

        var seen = new List<Guid>();
        long state = 0;
        ChangePage page;
        do
        {
            page = store.Changes(box.Id, FolderKind.Contacts, state, 512);
            seen.AddRange(page.Changes.Select(c => c.Item.Key));
            state = page.NextSeq;
        }
        while (page.MoreAvailable);

        Assert.Equal(2000, store.Count(box.Id, FolderKind.Contacts));
        Assert.Equal(keys.OrderBy(k => k), seen.OrderBy(k => k));
        Assert.Equal(4000, store.CurrentSeq(box.Id, FolderKind.Contacts));
    }

    [Fact]
    public void The_extended_property_index_follows_updates_and_deletes()
    {
        var box = store.AddMailbox("alice@contoso.com");
        Assert.True(ExtendedPropertyKey.TryParseGraphId("String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CrmId", out var key));
        var created = store.Create(box.Id, (ContactItem)new ContactItem().WithExtendedProperty(new ExtendedProperty(key, "A")));

        store.Update<ContactItem>(box.Id, created.Key, c => (ContactItem)c.WithExtendedProperty(new ExtendedProperty(key, "B")));
        Assert.Empty(store.FindByExtendedProperty(box.Id, FolderKind.Contacts, key, "A"));
        Assert.Equal(created.Key, Assert.Single(store.FindByExtendedProperty(box.Id, FolderKind.Contacts, key, "B")).Key);

        store.Delete(box.Id, created.Key);
        Assert.Empty(store.FindByExtendedProperty(box.Id, FolderKind.Contacts, key, "B"));
    }

    [Fact]
    public void Ids_round_trip_in_both_forms_and_garbage_is_malformed()
    {
        var id = new ItemId(ItemIdKind.Occurrence, Guid.NewGuid(), Guid.NewGuid(), new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc));
        Assert.True(ItemId.TryParse(id.ToGraph(), out var fromGraph));
        Assert.True(ItemId.TryParse(id.ToEws(), out var fromEws));
        Assert.Equal(id, fromGraph);
        Assert.Equal(id, fromEws);
        Assert.False(ItemId.TryParse("not-an-id", out _));
        Assert.False(ItemId.TryParse(Convert.ToBase64String(new byte[35]), out _));
    }
}
