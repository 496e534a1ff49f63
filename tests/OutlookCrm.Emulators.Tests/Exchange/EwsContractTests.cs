using System.Xml.Linq;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Tests.Exchange.EwsSoap;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>EWS requests written as raw SOAP XML in the documented shapes, checked against the documented answers.</summary>
public sealed class EwsContractTests : IAsyncLifetime
{
    private const string PropertySet = "66f5a359-4659-4830-9070-00047ec6ac6e";

    private readonly ExchangeHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Impersonation_is_allowed_only_where_granted()
    {
        var (okStatus, ok) = await host.PostAsync(Envelope(GetCalendarFolder, Alice));
        Assert.Equal(200, okStatus);
        var folder = Assert.Single(ok!.Messages());
        Assert.Equal("Success", folder.Attribute("ResponseClass")!.Value);
        Assert.Equal("Calendar", folder.Descendants(T + "DisplayName").Single().Value);

        var (deniedStatus, denied) = await host.PostAsync(Envelope(GetCalendarFolder, Bob), anchor: Bob);
        Assert.Equal(500, deniedStatus);
        Assert.EndsWith(":ErrorImpersonateUserDenied", denied!.FaultCode());
        Assert.Equal("ErrorImpersonateUserDenied", denied!.FaultResponseCode());

        var (_, unknown) = await host.PostAsync(Envelope(GetCalendarFolder, "nobody@contoso.com"), anchor: "nobody@contoso.com");
        Assert.Equal("ErrorNonExistentMailbox", unknown!.FaultResponseCode());

        var (badPassword, _) = await host.PostAsync(Envelope(GetCalendarFolder, Alice), password: "wrong");
        Assert.Equal(401, badPassword);
    }

    [Fact]
    public async Task An_app_token_impersonates_within_its_access_policy()
    {
        host.Exchange.Seed(new SeedDocument { Apps = [new SeedApp { ClientId = SyncApp, Mailboxes = [Alice] }] });
        var token = host.GraphToken(audience: "https://outlook.office365.com", roles: "full_access_as_app");

        var (okStatus, _) = await host.PostAsync(Envelope(GetCalendarFolder, Alice), bearer: token);
        var (_, denied) = await host.PostAsync(Envelope(GetCalendarFolder, Bob), bearer: token, anchor: Bob);
        var (graphAudience, _) = await host.PostAsync(Envelope(GetCalendarFolder, Alice), bearer: host.GraphToken(roles: "full_access_as_app"));
        var (_, unanchored) = await host.PostAsync(Envelope(GetCalendarFolder, Alice), bearer: token, anchor: null);

        Assert.Equal(200, okStatus);
        Assert.Equal("ErrorInternalServerTransientError", unanchored!.FaultResponseCode());
        Assert.Equal("ErrorImpersonateUserDenied", denied!.FaultResponseCode());
        Assert.Equal(401, graphAudience);
    }

    [Fact]
    public async Task SyncFolderItems_pages_over_512_changes_with_SyncState_then_reports_updates_and_deletes()
    {
        var ids = host.Exchange.SeedContacts(Alice, 1200);

        var pages = new List<(int Count, bool Last)>();
        var seen = new HashSet<string>();
        string? state = null;
        var last = false;
        while (!last)
        {
            var (status, xml) = await host.PostAsync(Envelope(SyncFolderItems("contacts", state)));
            Assert.Equal(200, status);
            var message = Assert.Single(xml!.Messages());
            Assert.Equal("NoError", message.Code());
            var creates = message.Element(M + "Changes")!.Elements(T + "Create").ToList();
            creates.ForEach(c => seen.Add(c.Descendants(T + "ItemId").Single().Attribute("Id")!.Value));
            state = message.Element(M + "SyncState")!.Value;
            last = message.Element(M + "IncludesLastItemInRange")!.Value == "true";
            pages.Add((creates.Count, last));
        }

        Assert.Equal([(512, false), (512, false), (176, true)], pages);
        Assert.Equal(1200, seen.Count);

        var outlook = host.Exchange.Outlook(Alice);
        outlook.EditContact(ids[10], c => c with { Surname = "Changed" });
        outlook.Delete(ids[20]);
        var (_, delta) = await host.PostAsync(Envelope(SyncFolderItems("contacts", state, shape: "AllProperties")));
        var changes = Assert.Single(delta!.Messages()).Element(M + "Changes")!.Elements().ToList();

        Assert.Equal(["Update", "Delete"], changes.Select(c => c.Name.LocalName));
        Assert.Equal("Changed", changes[0].Descendants(T + "Surname").Single().Value);
    }

    [Fact]
    public async Task A_corrupt_SyncState_answers_ErrorInvalidSyncStateData()
    {
        var (status, xml) = await host.PostAsync(Envelope(SyncFolderItems("calendar", "H4sIAAAAAAAEAO29B2AcSZYlJi9tynt/SvVK1+B0oQiAYBMk2JBAEOzBiM3mkuwdaUcjKasqgcplVmVdZhZAzO2dvPfee++999577733")));
        Assert.Equal(200, status);
        var message = Assert.Single(xml!.Messages());
        Assert.Equal("Error", message.Attribute("ResponseClass")!.Value);
        Assert.Equal("ErrorInvalidSyncStateData", message.Code());
        Assert.NotEmpty(message.Element(M + "MessageText")!.Value);
    }

    [Fact]
    public async Task GetItem_returns_the_extended_property_and_one_message_per_id()
    {
        var seeded = host.Exchange.Seed(new SeedDocument
        {
            Contacts =
            [
                new SeedContact
                {
                    Mailbox = Alice, GivenName = "Bob", Surname = "Lee", EmailAddresses = ["bob@fabrikam.com"],
                    ExtendedProperties = [new SeedExtendedProperty { Id = $"String {{{PropertySet}}} Name CrmId", Value = "003xx" }],
                },
            ],
        });
        var ewsId = ItemId.TryParse(seeded.Contacts[0], out var id) ? id.ToEws() : "";
        var missing = new ItemId(ItemIdKind.Item, id.Mailbox, Guid.NewGuid()).ToEws();
        var body = $"""
            <m:GetItem>
              <m:ItemShape>
                <t:BaseShape>IdOnly</t:BaseShape>
                <t:AdditionalProperties>
                  <t:FieldURI FieldURI="contacts:Surname" />
                  <t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1" />
                  <t:ExtendedFieldURI PropertySetId="{PropertySet}" PropertyName="CrmId" PropertyType="String" />
                </t:AdditionalProperties>
              </m:ItemShape>
              <m:ItemIds>
                <t:ItemId Id="{ewsId}" />
                <t:ItemId Id="not*an*id" />
                <t:ItemId Id="{missing}" />
              </m:ItemIds>
            </m:GetItem>
            """;

        var (_, xml) = await host.PostAsync(Envelope(body));
        var messages = xml!.Messages();

        Assert.Equal(["NoError", "ErrorInvalidIdMalformed", "ErrorItemNotFound"], messages.Select(m => m.Code()));
        var contact = messages[0].Descendants(T + "Contact").Single();
        Assert.Equal("Lee", contact.Element(T + "Surname")!.Value);
        Assert.Null(contact.Element(T + "GivenName"));
        var property = contact.Element(T + "ExtendedProperty")!;
        Assert.Equal("CrmId", property.Element(T + "ExtendedFieldURI")!.Attribute("PropertyName")!.Value);
        Assert.Equal("003xx", property.Element(T + "Value")!.Value);
    }

    [Fact]
    public async Task Too_many_concurrent_calls_for_one_mailbox_get_ErrorServerBusy_with_a_back_off()
    {
        host.Exchange.Ews.Limits.ConcurrentRequests = 2;
        host.Exchange.Ews.Admin.Latency = TimeSpan.FromMilliseconds(300);
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.PostAsync(Envelope(GetCalendarFolder))));

        var busy = results.Where(r => r.Status == 500).ToList();
        Assert.InRange(busy.Count, 1, 3);
        Assert.All(busy, b =>
        {
            Assert.Equal("ErrorServerBusy", b.Xml!.FaultResponseCode());
            Assert.Equal("1000", b.Xml!.Descendants(T + "MessageXml").Single().Element(T + "Value")!.Value);
        });
    }

    [Fact]
    public async Task FindItem_with_a_restriction_on_the_extended_property_finds_the_stamped_contact()
    {
        host.Exchange.SeedContacts(Alice, 5);
        host.Exchange.Seed(new SeedDocument
        {
            Contacts = [new SeedContact { Mailbox = Alice, Surname = "Stamped", ExtendedProperties = [new SeedExtendedProperty { Id = $"String {{{PropertySet}}} Name CrmId", Value = "003QQ" }] }],
        });
        static string Find(string restriction) => $"""
            <m:FindItem Traversal="Shallow">
              <m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>
              <m:IndexedPageItemView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning" />
              <m:Restriction>{restriction}</m:Restriction>
              <m:ParentFolderIds><t:DistinguishedFolderId Id="contacts" /></m:ParentFolderIds>
            </m:FindItem>
            """;

        var (_, found) = await host.PostAsync(Envelope(Find($"""
            <t:IsEqualTo>
              <t:ExtendedFieldURI PropertySetId="{PropertySet}" PropertyName="CrmId" PropertyType="String" />
              <t:FieldURIOrConstant><t:Constant Value="003QQ" /></t:FieldURIOrConstant>
            </t:IsEqualTo>
            """)));
        var (_, unsupported) = await host.PostAsync(Envelope(Find("""<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="item:Subject" /><t:Constant Value="x" /></t:Contains>""")));

        var root = Assert.Single(found!.Messages()).Element(M + "RootFolder")!;
        Assert.Equal("1", root.Attribute("TotalItemsInView")!.Value);
        Assert.Equal("Stamped", root.Descendants(T + "Surname").Single().Value);
        Assert.Equal("ErrorUnsupportedQueryFilter", Assert.Single(unsupported!.Messages()).Code());
    }
}
