using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Tests.Sync.Fakes;

namespace OutlookCrm.Core.Tests.Sync;

/// <summary>Attendees travel to the CRM as links (EventRelations), never as content, and never towards Exchange.</summary>
public sealed class EventLinkEngineTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    public static SyncHarness<CalendarEvent> Harness()
    {
        var h = new SyncHarness<CalendarEvent>(new EventRules(new EventFilterSettings(new DateOnly(2026, 1, 1), IncludePrivate: false)), ObjectKind.Event);
        h.Crm.LinkDirectory = new Dictionary<string, string>
        {
            ["carl@fabrikam.com"] = "003Carl", ["dora@fabrikam.com"] = "003Dora", ["lena@prospect.com"] = "00QLena",
        };
        return h;
    }

    public static CalendarEvent Meeting(string subject, DateTimeOffset start, params string[] attendees) => new()
    {
        Subject = subject, Start = start, End = start.AddMinutes(30),
        Organizer = new Attendee(SyncHarness<CalendarEvent>.Scope.Mailbox, "Alice", AttendeeType.Required, ResponseStatus.Organizer),
        Attendees = attendees.Select(a => new Attendee(a, null)).ToList(),
    };

    [Fact]
    public async Task Matched_attendees_become_links_the_rest_are_named_and_a_second_run_writes_nothing()
    {
        var h = Harness();
        h.Exchange.Put(Meeting("Pricing", Monday, "Carl@Fabrikam.com", "nobody@nowhere.test"));

        var first = await h.RunAsync();

        var crmId = h.Crm.Live.Single().Id;
        Assert.Equal(["003Carl"], h.Crm.LinksOf(crmId));
        Assert.Equal(["nobody@nowhere.test matches nobody"], first.Losses.Select(l => l.What));
        Assert.Equal("crm", first.Losses[0].Side);
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task A_new_attendee_list_updates_only_the_crm_links_and_leaves_links_made_by_hand()
    {
        var h = Harness();
        var id = h.Exchange.Put(Meeting("Pricing", Monday, "carl@fabrikam.com"));
        await h.RunAsync();
        var crmId = h.Crm.Live.Single().Id;
        h.Crm.LinkByHand(crmId, "003Dora");
        var exchangeWrites = h.Exchange.AppliedWrites;

        h.Exchange.Edit(id, e => e with { Attendees = [new Attendee("lena@prospect.com", "Lena")] });
        var report = await h.RunAsync();

        Assert.Equal((1, 0), (report.Updated.Crm, report.Updated.Exchange));
        Assert.Equal(exchangeWrites, h.Exchange.AppliedWrites);
        Assert.Equal(["003Dora", "00QLena"], h.Crm.LinksOf(crmId));
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task A_pair_matched_on_the_first_sync_gets_its_links_and_writes_to_exchange_carry_no_people()
    {
        var h = Harness();
        h.Crm.Put(Meeting("Pricing", Monday) with { Attendees = [] });
        var exchangeId = h.Exchange.Put(Meeting("Pricing", Monday, "carl@fabrikam.com"));

        var first = await h.RunAsync();
        h.Crm.Edit(h.Crm.Live.Single().Id, e => e with { Location = "Room 2" });
        await h.RunAsync();

        Assert.Equal(1, first.Matched);
        Assert.Equal(["003Carl"], h.Crm.LinksOf(h.Crm.Live.Single().Id));
        Assert.Equal("Room 2", h.Exchange[exchangeId].Location);
        Assert.All(h.Exchange.Requests, r => Assert.Null(r.Links));
        Assert.Equal(["carl@fabrikam.com"], h.Exchange[exchangeId].Attendees.Select(a => a.Email));
    }

    [Fact]
    public async Task A_shared_meeting_that_names_only_the_mailboxs_owner_pairs_without_a_write()
    {
        var h = Harness();
        h.Crm.Put(Meeting("Focus time", Monday) with { Organizer = null });
        h.Exchange.Put(Meeting("Focus time", Monday));

        var report = await h.RunAsync();

        Assert.Equal(1, report.Matched);
        Assert.Equal(0, report.Writes);
        Assert.Null(Assert.Single(h.Store.Relations).LinksHash);
    }

    [Fact]
    public async Task Attendee_changes_are_ignored_when_exchange_does_not_flow_to_the_crm()
    {
        var h = Harness();
        var id = h.Exchange.Put(Meeting("Pricing", Monday, "carl@fabrikam.com"));
        await h.RunAsync();
        h.Settings = new ObjectSyncSettings(SyncDirection.CrmToExchange, ConflictWinner.Crm, PropagateDeletes: true);

        h.Exchange.Edit(id, e => e with { Attendees = [] });

        Assert.Equal(0, (await h.RunAsync()).Writes);
        Assert.Equal(["003Carl"], h.Crm.LinksOf(h.Crm.Live.Single().Id));
    }

    [Fact]
    public async Task Links_that_did_not_all_go_through_are_applied_again_on_the_items_next_change()
    {
        var h = Harness();
        var id = h.Exchange.Put(Meeting("Pricing", Monday, "carl@fabrikam.com"));
        h.Crm.FailLinks = true;
        await h.RunAsync();
        Assert.Null(Assert.Single(h.Store.Relations).LinksHash);

        h.Crm.FailLinks = false;
        h.Exchange.Edit(id, e => e with { ShowAs = ShowAs.Tentative }); // no mapped change: folds to busy
        var report = await h.RunAsync();

        Assert.Equal(1, report.Updated.Crm);
        Assert.Equal(["003Carl"], h.Crm.LinksOf(h.Crm.Live.Single().Id));
        Assert.NotNull(Assert.Single(h.Store.Relations).LinksHash);
    }
}
