using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Tests.Sync.Fakes;
using static OutlookCrm.Core.Tests.Sync.Fakes.Contacts;

namespace OutlookCrm.Core.Tests.Sync;

/// <summary>
/// A run pairs an Outlook contact with a CRM contact by email, and the write that should bring them
/// in step fails for that item. The pairing must survive: the cursors have moved past both items, so
/// a later run cannot match them again and would create each on the other side.
/// </summary>
public sealed class MatchedPairFailureTests
{
    private static readonly WriteError TooLong = new("STRING_TOO_LONG", "Title: data value too large", WriteErrorKind.Item);

    [Fact]
    public async Task A_matched_pair_whose_update_failed_is_updated_on_the_retry_not_created_again()
    {
        var h = Harness();
        h.Crm.Put(Person("ann@fabrikam.com", title: "CTO"));
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com"));
        var failures = 1;
        h.Exchange.FailWhen = _ => failures-- > 0 ? new WriteError("ErrorInvalidPropertyValue", "rejected once", WriteErrorKind.Item) : null;

        var first = await h.RunAsync();
        var second = await h.RunAsync();

        Assert.Equal("ErrorInvalidPropertyValue", Assert.Single(first.Errors).Code);
        Assert.Equal(1, second.Updated.Exchange);
        Assert.Equal(0, second.Created.Total);
        Assert.Equal("CTO", Assert.Single(h.Exchange.Live).Body.JobTitle);
        Assert.Equal(outlookId, h.Exchange.Live.Single().Id);
        Assert.Empty(await h.Store.LoadItemErrorsAsync(SyncHarness<Domain.Contact>.Scope.Mailbox, ObjectKind.Contact, CancellationToken.None));
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task A_matched_pair_the_crm_refuses_stays_paired_shows_the_error_and_is_updated_once_fixed_in_outlook()
    {
        var h = Harness();
        h.Settings = h.Settings with { ConflictWinner = ConflictWinner.Exchange };
        var crmId = h.Crm.Put(Person("ann@fabrikam.com"));
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com", title: "Head of Sales, Europe, Middle East and Africa"));
        h.Crm.FailWhen = w => w.Body?.JobTitle is { Length: > 20 } ? TooLong : null;

        var first = await h.RunAsync();
        var second = await h.RunAsync();
        var errors = await h.Store.LoadItemErrorsAsync(SyncHarness<Domain.Contact>.Scope.Mailbox, ObjectKind.Contact, CancellationToken.None);
        h.Exchange.Edit(outlookId, c => c with { JobTitle = "Head of Sales EMEA" });
        var fixedRun = await h.RunAsync();

        Assert.Equal("STRING_TOO_LONG", Assert.Single(first.Errors).Code);
        Assert.Equal("STRING_TOO_LONG", Assert.Single(second.Errors).Code);
        var error = Assert.Single(errors);
        Assert.Equal((Side.Exchange, outlookId, 2), (error.SourceSide, error.ItemId, error.Attempts));
        Assert.Equal(1, fixedRun.Updated.Crm);
        Assert.All(h.Crm.Requests, r => Assert.Equal((WriteKind.Update, crmId), (r.Kind, r.Id)));
        Assert.Equal("Head of Sales EMEA", Assert.Single(h.Crm.Live).Body.JobTitle);
        Assert.Single(h.Exchange.Live);
        Assert.Empty(await h.Store.LoadItemErrorsAsync(SyncHarness<Domain.Contact>.Scope.Mailbox, ObjectKind.Contact, CancellationToken.None));
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task A_parked_matched_pair_stays_paired_when_its_email_changes_in_the_crm()
    {
        var h = Harness();
        h.Settings = h.Settings with { ConflictWinner = ConflictWinner.Exchange };
        var crmId = h.Crm.Put(Person("ann@fabrikam.com"));
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com", title: "Head of Sales, Europe, Middle East and Africa"));
        h.Crm.FailWhen = w => w.Body?.JobTitle is { Length: > 20 } ? TooLong : null;
        for (var run = 0; run < 4; run++)
        {
            await h.RunAsync();
        }

        var parked = Assert.Single(await h.Store.LoadItemErrorsAsync(SyncHarness<Domain.Contact>.Scope.Mailbox, ObjectKind.Contact, CancellationToken.None));
        h.Crm.Edit(crmId, c => c with { Emails = ["ann.lee@fabrikam.com"] });
        await h.RunAsync();

        Assert.True(parked.Unresolved);
        Assert.Equal(["ann.lee@fabrikam.com"], ByEmail(h.Exchange).Keys);   // CRM changed alone: it is copied over its partner
        Assert.Equal(["ann.lee@fabrikam.com"], ByEmail(h.Crm).Keys);
        Assert.Equal(outlookId, h.Exchange.Live.Single().Id);
        Assert.Empty(await h.Store.LoadItemErrorsAsync(SyncHarness<Domain.Contact>.Scope.Mailbox, ObjectKind.Contact, CancellationToken.None));
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }
}
