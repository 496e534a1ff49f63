using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Tests.Sync.Fakes;
using static OutlookCrm.Core.Tests.Sync.Fakes.Contacts;

namespace OutlookCrm.Core.Tests.Sync;

public sealed class ContactSyncEngineTests
{
    [Fact]
    public async Task First_sync_of_shared_data_pairs_by_email_and_creates_only_what_is_missing()
    {
        var h = Harness();
        h.Crm.Put(Person("ann@fabrikam.com"));
        h.Crm.Put(Person("bob@fabrikam.com", "Bob"));
        h.Exchange.Put(Person("ANN@Fabrikam.com"));   // the same person, other case
        h.Exchange.Put(Person("cy@contoso.com", "Cy"));

        var report = await h.RunAsync();

        Assert.Equal(["ann@fabrikam.com", "bob@fabrikam.com", "cy@contoso.com"], ByEmail(h.Crm).Keys.Order());
        Assert.Equal(["ann@fabrikam.com", "bob@fabrikam.com", "cy@contoso.com"], ByEmail(h.Exchange).Keys.Order());
        Assert.Equal((1, 1), (report.Created.Crm, report.Created.Exchange));
        Assert.Equal(1, report.Matched);
        Assert.Equal(3, h.Store.Relations.Count);
    }

    [Fact]
    public async Task Syncing_three_times_writes_nothing_after_the_first()
    {
        var h = Harness();
        for (var i = 0; i < 23; i++)
        {
            h.Crm.Put(Person($"crm{i}@fabrikam.com"));
            h.Exchange.Put(Person($"ex{i}@contoso.com"));
        }

        await h.RunAsync();
        var afterFirst = h.TotalWrites;
        var second = await h.RunAsync();
        var third = await h.RunAsync();

        Assert.Equal(46, afterFirst);
        Assert.Equal(afterFirst, h.TotalWrites);
        Assert.Equal(0, second.Writes + third.Writes);
        Assert.Equal(1, third.Passes);
    }

    [Fact]
    public async Task A_created_item_carries_its_partners_id()
    {
        var h = Harness();
        var crmId = h.Crm.Put(Person("ann@fabrikam.com"));

        await h.RunAsync();

        Assert.Equal(crmId, h.Exchange.Live.Single().Body.PartnerId);
    }

    [Fact]
    public async Task Edits_flow_both_ways()
    {
        var h = Harness();
        var ann = h.Crm.Put(Person("ann@fabrikam.com"));
        var bob = h.Exchange.Put(Person("bob@contoso.com", "Bob"));
        await h.RunAsync();

        h.Crm.Edit(ann, c => c with { JobTitle = "CTO" });
        var bobInCrm = h.Crm.Live.Single(c => c.Body.GivenName == "Bob").Id;
        h.Exchange.Edit(bob, c => c with { Department = "Sales" });
        var report = await h.RunAsync();

        Assert.Equal("CTO", ByEmail(h.Exchange)["ann@fabrikam.com"].JobTitle);
        Assert.Equal("Sales", h.Crm[bobInCrm].Department);
        Assert.Equal((1, 1), (report.Updated.Crm, report.Updated.Exchange));
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Theory]
    [InlineData(ConflictWinner.Crm, "CRM title")]
    [InlineData(ConflictWinner.Exchange, "Exchange title")]
    public async Task A_conflicting_edit_resolves_by_the_configured_winner(ConflictWinner winner, string expected)
    {
        var h = Harness();
        h.Settings = h.Settings with { ConflictWinner = winner };
        var crmId = h.Crm.Put(Person("ann@fabrikam.com"));
        await h.RunAsync();
        var exchangeId = h.Exchange.Live.Single().Id;

        h.Crm.Edit(crmId, c => c with { JobTitle = "CRM title" });
        h.Exchange.Edit(exchangeId, c => c with { JobTitle = "Exchange title" });
        var report = await h.RunAsync();

        Assert.Equal(expected, h.Crm[crmId].JobTitle);
        Assert.Equal(expected, h.Exchange[exchangeId].JobTitle);
        Assert.Equal(1, report.Conflicts);
    }

    [Fact]
    public async Task A_change_to_an_unmapped_field_or_our_own_echo_writes_nothing()
    {
        var h = Harness();
        var crmId = h.Crm.Put(Person("ann@fabrikam.com"));
        await h.RunAsync();

        h.Crm.Edit(crmId, c => c with { DisplayName = "Ann (VIP)" }); // not mapped
        h.Crm.Edit(crmId, c => c with { GivenName = "  Ann " });      // whitespace only
        var report = await h.RunAsync();

        Assert.Equal(0, report.Writes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deletes_follow_the_rule(bool propagate)
    {
        var h = Harness();
        h.Settings = h.Settings with { PropagateDeletes = propagate };
        var crmId = h.Crm.Put(Person("ann@fabrikam.com"));
        await h.RunAsync();

        h.Crm.Delete(crmId);
        var report = await h.RunAsync();

        Assert.Equal(propagate ? 0 : 1, h.Exchange.Live.Count());
        Assert.Equal(propagate ? 1 : 0, report.Deleted.Exchange);
        Assert.Empty(h.Store.Relations);
    }

    [Fact]
    public async Task One_way_sync_leaves_the_other_direction_alone()
    {
        var h = Harness();
        h.Settings = h.Settings with { Direction = SyncDirection.CrmToExchange };
        h.Crm.Put(Person("ann@fabrikam.com"));
        h.Exchange.Put(Person("bob@contoso.com"));

        await h.RunAsync();

        Assert.Equal(["ann@fabrikam.com"], ByEmail(h.Crm).Keys);
        Assert.Equal(["ann@fabrikam.com", "bob@contoso.com"], ByEmail(h.Exchange).Keys.Order());
    }

    [Fact]
    public async Task A_bad_item_fails_alone_is_retried_and_parked_after_three_runs()
    {
        var h = Harness();
        h.Exchange.Put(Person("good@contoso.com"));
        var bad = h.Exchange.Put(Person("bad@contoso.com"));
        h.Crm.FailWhen = w => w.Body?.Emails[0] == "bad@contoso.com" ? new WriteError("INVALID_EMAIL_ADDRESS", "Email: invalid email address", WriteErrorKind.Item) : null;

        var first = await h.RunAsync();
        var second = await h.RunAsync();
        var third = await h.RunAsync();
        var fourth = await h.RunAsync();

        Assert.Equal(["good@contoso.com"], ByEmail(h.Crm).Keys);
        Assert.Equal("INVALID_EMAIL_ADDRESS", Assert.Single(first.Errors).Code);
        Assert.Single(second.Errors);
        Assert.Equal(1, third.Unresolved);
        Assert.Empty(fourth.Errors); // parked: not retried until someone changes it

        h.Crm.FailWhen = null;
        h.Exchange.Edit(bad, c => c with { JobTitle = "fixed" });
        var fifth = await h.RunAsync();
        Assert.Equal(2, ByEmail(h.Crm).Count);
        Assert.Equal(0, fifth.Unresolved);
    }

    [Fact]
    public async Task An_expired_cursor_restarts_with_a_full_scan_that_finds_deletions()
    {
        var h = Harness();
        var ann = h.Exchange.Put(Person("ann@contoso.com"));
        h.Exchange.Put(Person("bob@contoso.com"));
        await h.RunAsync();

        h.Exchange.Delete(ann);
        h.Exchange.ExpireCursor = true;
        var report = await h.RunAsync();

        Assert.Equal(["bob@contoso.com"], ByEmail(h.Crm).Keys);
        Assert.Contains(report.Notes, n => n.Contains("full scan", StringComparison.Ordinal));
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task Contacts_without_an_email_are_skipped()
    {
        var h = Harness();
        h.Exchange.Put(new Contact { GivenName = "No", Surname = "Mail" });

        var report = await h.RunAsync();

        Assert.Empty(h.Crm.Live);
        Assert.Equal(1, report.Skipped["no email address"]);
    }
}
