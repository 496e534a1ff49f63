using OutlookCrm.Core.Domain;
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
