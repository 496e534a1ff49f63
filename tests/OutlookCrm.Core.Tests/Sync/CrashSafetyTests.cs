using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Tests.Sync.Fakes;
using static OutlookCrm.Core.Tests.Sync.Fakes.Contacts;

namespace OutlookCrm.Core.Tests.Sync;

/// <summary>
/// GenSync's "abort after N": a run killed right after each write position (the item written, its
/// relation not yet saved) and run again ends exactly like a run that was never interrupted.
/// </summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task A_first_sync_aborted_after_any_write_and_rerun_ends_like_an_uninterrupted_one()
    {
        var baseline = Scenario();
        await baseline.RunAsync();
        var expected = State(baseline);
        var (crmWrites, exchangeWrites) = (baseline.Crm.AppliedWrites, baseline.Exchange.AppliedWrites);
        Assert.True(crmWrites > 0 && exchangeWrites > 0);

        for (var position = 1; position <= crmWrites + exchangeWrites; position++)
        {
            var h = Scenario();
            if (position <= crmWrites)
            {
                h.Crm.CrashAfterWrites = position;
            }
            else
            {
                h.Exchange.CrashAfterWrites = position - crmWrites;
            }

            await Assert.ThrowsAsync<SimulatedCrash>(() => h.RunAsync());
            await h.RunAsync();

            Assert.Equal(expected, State(h));
            Assert.Equal(0, (await h.RunAsync()).Writes);
        }
    }

    [Fact]
    public async Task An_incremental_run_aborted_after_any_write_and_rerun_loses_no_change()
    {
        for (var position = 1; position <= 4; position++)
        {
            var h = Scenario();
            await h.RunAsync();
            Edit(h);
            var (crmBefore, exchangeBefore) = (h.Crm.AppliedWrites, h.Exchange.AppliedWrites);
            if (position <= 2)
            {
                h.Crm.CrashAfterWrites = crmBefore + position;
            }
            else
            {
                h.Exchange.CrashAfterWrites = exchangeBefore + position - 2;
            }

            await Assert.ThrowsAsync<SimulatedCrash>(() => h.RunAsync());
            await h.RunAsync();

            var crm = ByEmail(h.Crm);
            var exchange = ByEmail(h.Exchange);
            Assert.Equal("CEO", crm["ex1@contoso.com"].JobTitle);
            Assert.Equal("CEO", exchange["ex1@contoso.com"].JobTitle);
            Assert.Equal("Buyer", crm["crm1@fabrikam.com"].JobTitle);
            Assert.Equal("Buyer", exchange["crm1@fabrikam.com"].JobTitle);
            Assert.Equal(0, (await h.RunAsync()).Writes);
        }
    }

    /// <summary>
    /// Relations are written inside the CRM side's write call, so a crash can fall between an event
    /// and its relations, or between relations. The rerun ends with the same relations, none twice.
    /// (A relation made by a run that died before saving its pair is not known as the sync's own, so
    /// a later attendee removal leaves it: the safe side, never removing one a person made.)
    /// </summary>
    [Fact]
    public async Task An_event_sync_aborted_after_any_event_or_relation_write_and_rerun_ends_with_the_same_relations()
    {
        var baseline = EventScenario();
        await baseline.RunAsync();
        var afterFirst = EventState(baseline);
        var firstRunWrites = baseline.Crm.AppliedWrites;
        EditAttendees(baseline);
        await baseline.RunAsync();
        var afterEdit = EventState(baseline);
        Assert.True(firstRunWrites > 3 && baseline.Crm.AppliedWrites > firstRunWrites, "both runs write events and relations");

        for (var position = 1; position <= baseline.Crm.AppliedWrites; position++)
        {
            var h = EventScenario();
            if (position <= firstRunWrites)
            {
                h.Crm.CrashAfterWrites = position;
                await Assert.ThrowsAsync<SimulatedCrash>(() => h.RunAsync());
                await h.RunAsync();
                Assert.Equal(afterFirst, EventState(h));
            }
            else
            {
                await h.RunAsync();
                EditAttendees(h);
                h.Crm.CrashAfterWrites = position;
                await Assert.ThrowsAsync<SimulatedCrash>(() => h.RunAsync());
                await h.RunAsync();
                Assert.Equal(afterEdit, EventState(h));
            }

            Assert.Equal(0, (await h.RunAsync()).Writes);
        }
    }

    /// <summary>Meetings from Exchange whose attendees are CRM people; one also exists in the CRM already.</summary>
    private static SyncHarness<CalendarEvent> EventScenario()
    {
        var h = EventLinkEngineTests.Harness();
        var monday = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        h.Exchange.Put(EventLinkEngineTests.Meeting("Pricing", monday, "carl@fabrikam.com", "dora@fabrikam.com", "nobody@nowhere.test"));
        h.Exchange.Put(EventLinkEngineTests.Meeting("Intro", monday.AddDays(1), "lena@prospect.com"));
        h.Exchange.Put(EventLinkEngineTests.Meeting("Review", monday.AddDays(2), "dora@fabrikam.com"));
        h.Crm.Put(EventLinkEngineTests.Meeting("Review", monday.AddDays(2)));
        return h;
    }

    private static void EditAttendees(SyncHarness<CalendarEvent> h)
    {
        var pricing = h.Exchange.Live.Single(e => e.Body.Subject == "Pricing").Id;
        h.Exchange.Edit(pricing, e => e with { Attendees = [.. e.Attendees.Where(a => a.Email != "carl@fabrikam.com")] });
    }

    /// <summary>Each side's events by subject (a duplicate throws) with the CRM's links.</summary>
    private static string EventState(SyncHarness<CalendarEvent> h) => string.Join("\n",
        h.Crm.Live.ToDictionary(e => e.Body.Subject, e => string.Join(",", h.Crm.LinksOf(e.Id))).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}:{kv.Value}")
            .Concat(h.Exchange.Live.ToDictionary(e => e.Body.Subject, e => e.Body.Location).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}@{kv.Value}")));

    private static SyncHarness<Contact> Scenario()
    {
        var h = Harness(bodiesInExchangeChanges: false);
        for (var i = 0; i < 6; i++)
        {
            h.Crm.Put(Person($"crm{i}@fabrikam.com", $"C{i}"));
        }

        for (var i = 0; i < 5; i++)
        {
            h.Exchange.Put(Person($"ex{i}@contoso.com", $"E{i}"));
        }

        h.Exchange.Put(Person("crm0@fabrikam.com", "C0")); // shared before the first sync
        return h;
    }

    private static void Edit(SyncHarness<Contact> h)
    {
        h.Crm.Edit(h.Crm.Live.Single(c => c.Body.Emails[0] == "crm1@fabrikam.com").Id, c => c with { JobTitle = "Buyer" });
        h.Crm.Edit(h.Crm.Live.Single(c => c.Body.Emails[0] == "crm2@fabrikam.com").Id, c => c with { Department = "R&D" });
        h.Exchange.Edit(h.Exchange.Live.Single(c => c.Body.Emails[0] == "ex1@contoso.com").Id, c => c with { JobTitle = "CEO" });
        h.Exchange.Edit(h.Exchange.Live.Single(c => c.Body.Emails[0] == "ex2@contoso.com").Id, c => c with { Department = "Ops" });
    }

    /// <summary>Both sides' content by email (a duplicate throws), ignoring ids and versions.</summary>
    private static string State(SyncHarness<Contact> h) => string.Join("\n",
        new[] { h.Crm, h.Exchange }.Select(side => string.Join(";", ByEmail(side).OrderBy(kv => kv.Key)
            .Select(kv => $"{kv.Key}:{kv.Value.GivenName}:{kv.Value.JobTitle}:{kv.Value.Department}"))));
}
