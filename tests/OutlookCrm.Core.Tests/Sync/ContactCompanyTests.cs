using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Tests.Sync.Fakes;
using static OutlookCrm.Core.Tests.Sync.Fakes.Contacts;

namespace OutlookCrm.Core.Tests.Sync;

/// <summary>
/// The CRM holds a contact's company only as its Account's name, and the sync never sets an Account.
/// A contact without one has no company in the CRM: that must not erase the company typed in Outlook.
/// </summary>
public sealed class ContactCompanyTests
{
    [Fact]
    public async Task A_crm_edit_of_a_contact_without_an_account_keeps_the_company_typed_in_outlook()
    {
        var h = Harness();
        CompanyFromAccount(h.Crm);
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com") with { CompanyName = "Fabrikam" });
        await h.RunAsync();
        var crmId = h.Crm.Live.Single().Id;
        Assert.Null(h.Crm[crmId].CompanyName);

        h.Crm.Edit(crmId, c => c with { BusinessPhone = "+1 555 0100" });
        var report = await h.RunAsync();

        Assert.Equal(1, report.Updated.Exchange);
        Assert.Equal("+1 555 0100", h.Exchange[outlookId].BusinessPhone);
        Assert.Equal("Fabrikam", h.Exchange[outlookId].CompanyName);
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task A_crm_change_to_an_unmapped_field_of_a_contact_without_an_account_writes_nothing()
    {
        var h = Harness();
        CompanyFromAccount(h.Crm);
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com") with { CompanyName = "Fabrikam" });
        await h.RunAsync();

        h.Crm.Edit(h.Crm.Live.Single().Id, c => c with { DisplayName = "Ann (VIP)" }); // not mapped
        var report = await h.RunAsync();

        Assert.Equal(0, report.Writes);
        Assert.Equal("Fabrikam", h.Exchange[outlookId].CompanyName);
    }

    [Fact]
    public async Task When_the_crm_contact_has_an_account_its_name_is_the_company_outlook_gets()
    {
        var h = Harness();
        CompanyFromAccount(h.Crm);
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com") with { CompanyName = "Fabrikam" });
        await h.RunAsync();

        h.Crm.Edit(h.Crm.Live.Single().Id, c => c with { CompanyName = "Fabrikam Holdings" }); // someone picks an Account
        var report = await h.RunAsync();

        Assert.Equal(1, report.Updated.Exchange);
        Assert.Equal("Fabrikam Holdings", h.Exchange[outlookId].CompanyName);
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task An_outlook_edit_of_the_company_is_kept_and_settles_after_one_write()
    {
        var h = Harness();
        CompanyFromAccount(h.Crm);
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com") with { CompanyName = "Fabrikam" });
        await h.RunAsync();
        var crmId = h.Crm.Live.Single().Id;

        h.Exchange.Edit(outlookId, c => c with { CompanyName = "Fabrikam Ltd" });
        var first = await h.RunAsync();
        var second = await h.RunAsync();
        h.Crm.Edit(crmId, c => c with { JobTitle = "CTO" });
        var third = await h.RunAsync();

        Assert.True(first.Writes <= 1, $"{first.Writes} writes");
        Assert.Equal(0, first.Updated.Exchange);
        Assert.Equal(0, second.Writes);
        Assert.Equal(1, third.Updated.Exchange);
        Assert.Equal(("Fabrikam Ltd", "CTO"), (h.Exchange[outlookId].CompanyName, h.Exchange[outlookId].JobTitle));
        Assert.Null(h.Crm[crmId].CompanyName);
    }

    [Theory]
    [InlineData(SyncDirection.Both)]
    [InlineData(SyncDirection.CrmToExchange)]
    public async Task An_outlook_contact_paired_with_its_accountless_crm_twin_keeps_its_company_in_either_direction(SyncDirection direction)
    {
        var h = Harness();
        h.Settings = h.Settings with { Direction = direction };
        CompanyFromAccount(h.Crm);
        var crmId = h.Crm.Put(Person("ann@fabrikam.com"));
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com") with { CompanyName = "Fabrikam" });

        var first = await h.RunAsync();
        h.Crm.Edit(crmId, c => c with { JobTitle = "CTO" });
        var edit = await h.RunAsync();

        Assert.Equal((1, 0), (first.Matched, first.Writes));
        Assert.Single(h.Store.Relations);
        Assert.Equal(1, edit.Updated.Exchange);
        Assert.Equal(("Fabrikam", "CTO"), (h.Exchange[outlookId].CompanyName, h.Exchange[outlookId].JobTitle));
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }

    [Fact]
    public async Task A_company_cleared_in_outlook_stays_cleared_and_a_crm_edit_does_not_bring_it_back()
    {
        var h = Harness();
        CompanyFromAccount(h.Crm);
        var outlookId = h.Exchange.Put(Person("ann@fabrikam.com") with { CompanyName = "Fabrikam" });
        await h.RunAsync();

        h.Exchange.Edit(outlookId, c => c with { CompanyName = null });
        await h.RunAsync();
        h.Crm.Edit(h.Crm.Live.Single().Id, c => c with { MobilePhone = "+1 555 0101" });
        await h.RunAsync();

        Assert.Equal(((string?)null, "+1 555 0101"), (h.Exchange[outlookId].CompanyName, h.Exchange[outlookId].MobilePhone));
        Assert.Equal(0, (await h.RunAsync()).Writes);
    }
}
