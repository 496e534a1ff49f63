using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Reliability.Tests.Support;

namespace OutlookCrm.Reliability.Tests.BadInput;

/// <summary>
/// Issue 10, injection through the sync: contacts and meetings whose emails, names and subjects carry
/// quotes, <c>%</c>, <c>_</c> and XML/SOAP metacharacters reach the other side with exactly that text, as
/// the emulators parsed what the product wrote (Salesforce JSON, Graph JSON, EWS SOAP), and match nothing
/// else (the decoy differs only where a wildcard would match).
/// </summary>
public sealed class HostileTextSyncTests
{
    private const string OutlookEmail = "o'brien_100%@x.com";
    private const string CrmEmail = "a%b_c'd@x.com";
    private const string OutlookSubject = "Review ]]></t:Subject><t:Body>injected</t:Body> & \"q\" 'q' 100% <b>";
    private const string CrmSubject = "Plan ]]> </m:CreateItem> &amp; <![CDATA[x]]> 'it''s' \"50%\" _";
    private const string HostileName = "O'Neil <Sons> & \"Co\" ]]>";

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task Hostile_emails_and_subjects_reach_the_other_side_exactly(Backend backend)
    {
        await using var world = await ReliabilityWorld.StartAsync(backend);
        var monday = DateTime.UtcNow.Date.AddDays(8 - (int)DateTime.UtcNow.DayOfWeek);
        world.Salesforce.CreateRecord("Contact", SeedData.CrmContact(HostileName, CrmEmail, "Buyer & <Seller>", world.CrmUserId));
        world.Salesforce.CreateRecord("Contact", SeedData.CrmContact("Decoy", "aXb_c'd@x.com", "Buyer", world.CrmUserId));
        world.Salesforce.CreateRecord("Event", SeedData.CrmEvent(CrmSubject, monday.AddHours(9), world.CrmUserId));
        var outlook = world.Exchange.Outlook(ReliabilityWorld.Mailbox);
        outlook.CreateContact(SeedData.OutlookContact(HostileName, OutlookEmail, "CTO ]]> & <x>"));
        outlook.CreateEvent(SeedData.OutlookEvent(OutlookSubject, monday.AddHours(14)));

        Assert.Equal(["pass 1: clean"], await SyncPasses.UntilCleanAsync(world, maxPasses: 1));

        var state = EndState.Capture(world);
        Assert.Empty(state.Duplicates);
        var crmContact = Assert.Single(world.Salesforce.GetRecords("Contact"), c => (string?)c["Email"] == OutlookEmail);
        Assert.Equal((HostileName, "CTO ]]> & <x>"), ((string?)crmContact["FirstName"], (string?)crmContact["Title"]));
        Assert.Single(world.Salesforce.GetRecords("Event"), e => (string?)e["Subject"] == OutlookSubject);
        var box = world.Exchange.Store.FindMailbox(ReliabilityWorld.Mailbox)!;
        var items = world.Exchange.Store.List(box.Id, FolderKind.Contacts).Concat(world.Exchange.Store.List(box.Id, FolderKind.Calendar)).Where(i => !i.IsDeleted).ToList();
        var mailboxContact = Assert.Single(items.OfType<ContactItem>(), c => c.EmailAddresses.Any(e => e?.Address == CrmEmail));
        Assert.Equal((HostileName, "Buyer & <Seller>"), (mailboxContact.GivenName, mailboxContact.JobTitle));
        Assert.Single(items.OfType<EventItem>(), e => e.Subject == CrmSubject);
        Assert.Equal((3, 3, 2, 2), (state.CrmContacts.Count, state.MailboxContacts.Count, state.CrmEvents.Count, state.MailboxEvents.Count));
    }
}
