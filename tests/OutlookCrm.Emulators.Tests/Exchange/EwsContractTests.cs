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
    private const string GetCalendarFolder = """
        <m:GetFolder>
          <m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>
          <m:FolderIds><t:DistinguishedFolderId Id="calendar" /></m:FolderIds>
        </m:GetFolder>
        """;

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
    public async Task CreateItem_with_several_items_answers_per_item_and_SendToNone_mails_nobody()
    {
        var attendees = "<t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>carol@fabrikam.com</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees>";
        var body = $"""
            <m:CreateItem SendMeetingInvitations="SendToNone">
              <m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar" /></m:SavedItemFolderId>
              <m:Items>
                {CalendarItem("First", "2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z", attendees)}
                {CalendarItem("Backwards", "2026-06-02T10:00:00Z", "2026-06-02T09:00:00Z")}
                {CalendarItem("Third", "2026-06-03T09:00:00Z", "2026-06-03T10:00:00Z")}
              </m:Items>
            </m:CreateItem>
            """;

        var (status, xml) = await host.PostAsync(Envelope(body));

        Assert.Equal(200, status);
        var messages = xml!.Messages();
        Assert.Equal(["NoError", "ErrorCalendarEndDateIsEarlierThanStartDate", "NoError"], messages.Select(m => m.Code()));
        Assert.Equal(["Success", "Error", "Success"], messages.Select(m => m.Attribute("ResponseClass")!.Value));
        Assert.NotNull(messages[0].Descendants(T + "ItemId").Single().Attribute("ChangeKey"));
        Assert.Equal(2, host.Exchange.Count(Alice, FolderKind.Calendar));
        Assert.Empty(host.Exchange.MeetingMessages);
    }

    [Fact]
    public async Task SendToAllAndSaveCopy_records_an_invitation_and_an_update()
    {
        var attendees = "<t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>carol@fabrikam.com</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees>";
        var create = $"""
            <m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy">
              <m:Items>{CalendarItem("Kick-off", "2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z", attendees)}</m:Items>
            </m:CreateItem>
            """;
        var (_, created) = await host.PostAsync(Envelope(create));
        var itemId = created!.Descendants(T + "ItemId").Single();

        var message = Assert.Single(host.Exchange.MeetingMessages);
        Assert.Equal(MeetingMessageKind.Invitation, message.Kind);
        Assert.Equal(["carol@fabrikam.com"], message.Recipients);

        var quiet = Update(itemId, "SendToNone", "Quiet change");
        await host.PostAsync(Envelope(quiet));
        Assert.Single(host.Exchange.MeetingMessages);

        var (_, current) = await host.PostAsync(Envelope($"""<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="{itemId.Attribute("Id")!.Value}" /></m:ItemIds></m:GetItem>"""));
        var loud = Update(current!.Descendants(T + "ItemId").Single(), "SendToAllAndSaveCopy", "Loud change");
        await host.PostAsync(Envelope(loud));
        Assert.Equal([MeetingMessageKind.Invitation, MeetingMessageKind.Update], host.Exchange.MeetingMessages.Select(m => m.Kind));
    }

    [Fact]
    public async Task UpdateItem_answers_per_change_and_a_stale_ChangeKey_conflicts_under_NeverOverwrite()
    {
        var seeded = host.Exchange.SeedContacts(Alice, 1);
        var (_, read) = await host.PostAsync(Envelope($"""<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="{ToEws(seeded[0])}" /></m:ItemIds></m:GetItem>"""));
        var original = read!.Descendants(T + "ItemId").Single();
        var missing = new ItemId(ItemIdKind.Item, Guid.NewGuid(), Guid.NewGuid()).ToEws();

        var (_, first) = await host.PostAsync(Envelope(ContactUpdate("NeverOverwrite", (original.Attribute("Id")!.Value, original.Attribute("ChangeKey")!.Value, "CTO"), (missing, "x", "CEO"))));
        Assert.Equal(["NoError", "ErrorItemNotFound"], first!.Messages().Select(m => m.Code()));
        Assert.Equal("CTO", ((ContactItem)host.Exchange.Outlook(Alice).Read(seeded[0])!).JobTitle);

        var stale = (original.Attribute("Id")!.Value, original.Attribute("ChangeKey")!.Value, "VP");
        var (_, conflict) = await host.PostAsync(Envelope(ContactUpdate("NeverOverwrite", stale)));
        Assert.Equal("ErrorIrresolvableConflict", Assert.Single(conflict!.Messages()).Code());
        Assert.Equal("CTO", ((ContactItem)host.Exchange.Outlook(Alice).Read(seeded[0])!).JobTitle);

        var (_, overwrite) = await host.PostAsync(Envelope(ContactUpdate("AlwaysOverwrite", stale)));
        Assert.Equal("NoError", Assert.Single(overwrite!.Messages()).Code());
    }

    [Fact]
    public async Task DeleteItem_answers_per_item_and_the_deletion_reaches_SyncFolderItems()
    {
        var ids = host.Exchange.SeedContacts(Alice, 3);
        var (_, initial) = await host.PostAsync(Envelope(SyncFolderItems("contacts", null)));
        var state = initial!.Messages()[0].Element(M + "SyncState")!.Value;

        var body = $"""
            <m:DeleteItem DeleteType="SoftDelete">
              <m:ItemIds><t:ItemId Id="{ToEws(ids[1])}" /><t:ItemId Id="{ToEws(ids[1])}" /></m:ItemIds>
            </m:DeleteItem>
            """;
        var (_, deleted) = await host.PostAsync(Envelope(body));
        Assert.Equal(["NoError", "ErrorItemNotFound"], deleted!.Messages().Select(m => m.Code()));

        var (_, sync) = await host.PostAsync(Envelope(SyncFolderItems("contacts", state)));
        var change = Assert.Single(sync!.Messages()[0].Element(M + "Changes")!.Elements());
        Assert.Equal("Delete", change.Name.LocalName);
        Assert.True(ItemId.TryParse(change.Element(T + "ItemId")!.Attribute("Id")!.Value, out var reported));
        Assert.True(ItemId.TryParse(ids[1], out var expected));
        Assert.Equal(expected.Item, reported.Item);
    }

    [Fact]
    public async Task A_request_with_a_DOCTYPE_is_refused_without_being_processed()
    {
        var create = $"""<m:CreateItem SendMeetingInvitations="SendToNone"><m:Items>{CalendarItem("&xxe;", "2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z")}</m:Items></m:CreateItem>""";
        var envelope = Envelope(create).Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");

        var (status, xml) = await host.PostAsync(envelope);

        Assert.Equal(500, status);
        Assert.Equal("ErrorSchemaValidation", xml!.FaultResponseCode());
        Assert.Equal(0, host.Exchange.Count(Alice, FolderKind.Calendar));
    }

    [Fact]
    public async Task ErrorServerBusy_carries_BackOffMilliseconds_as_a_fault_and_as_a_response_message()
    {
        host.Exchange.Ews.Admin.Faults.Add([
            new FaultRule { Operation = "ews.SyncFolderItems", Status = 500, Code = "ErrorServerBusy", BackOffMilliseconds = 30000 },
            new FaultRule { Operation = "ews.GetFolder", Status = 200, Code = "ErrorServerBusy", BackOffMilliseconds = 1500 },
        ]);

        var (status, fault) = await host.PostAsync(Envelope(SyncFolderItems("calendar", null)));
        Assert.Equal(500, status);
        Assert.Equal("ErrorServerBusy", fault!.FaultResponseCode());
        var backOff = fault!.Descendants(T + "MessageXml").Single().Element(T + "Value")!;
        Assert.Equal("BackOffMilliseconds", backOff.Attribute("Name")!.Value);
        Assert.Equal("30000", backOff.Value);

        var (messageStatus, message) = await host.PostAsync(Envelope(GetCalendarFolder));
        Assert.Equal(200, messageStatus);
        var busy = Assert.Single(message!.Messages());
        Assert.Equal("ErrorServerBusy", busy.Code());
        Assert.Equal("1500", busy.Element(M + "MessageXml")!.Element(T + "Value")!.Value);

        Assert.Contains(host.Exchange.Ews.Admin.Throttling.Violations, v => v.Key == Alice && v.Operation == "ews.GetFolder");
    }

    [Fact]
    public async Task A_recurring_series_with_a_moved_and_a_cancelled_occurrence_looks_the_same_through_both_fronts()
    {
        var seriesGraphId = GraphContractTests.SeedSeries(host);

        var view = """
            <m:FindItem Traversal="Shallow">
              <m:ItemShape>
                <t:BaseShape>IdOnly</t:BaseShape>
                <t:AdditionalProperties>
                  <t:FieldURI FieldURI="calendar:Start" /><t:FieldURI FieldURI="calendar:CalendarItemType" />
                </t:AdditionalProperties>
              </m:ItemShape>
              <m:CalendarView StartDate="2026-03-01T00:00:00Z" EndDate="2026-05-01T00:00:00Z" />
              <m:ParentFolderIds><t:DistinguishedFolderId Id="calendar" /></m:ParentFolderIds>
            </m:FindItem>
            """;
        var (_, found) = await host.PostAsync(Envelope(view));
        var ewsItems = found!.Descendants(T + "CalendarItem").ToList();
        var ewsView = ewsItems.Select(i => (i.Element(T + "Start")!.Value, i.Element(T + "CalendarItemType")!.Value)).ToList();

        var (_, graph) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/calendarView?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z");
        var graphView = graph!["value"]!.AsArray().Select(e => ((string)e!["start"]!["dateTime"]!, (string)e["type"]!)).ToList();

        Assert.Equal([("2026-03-16T08:00:00Z", "Occurrence"), ("2026-03-24T13:00:00Z", "Exception"), ("2026-04-06T07:00:00Z", "Occurrence")], ewsView);
        Assert.Equal([("2026-03-16T08:00:00.0000000", "occurrence"), ("2026-03-24T13:00:00.0000000", "exception"), ("2026-04-06T07:00:00.0000000", "occurrence")], graphView);
        // The same occurrence ids on both fronts (Graph uses the URL-safe form).
        Assert.Equal(ewsItems.Select(i => ToEws(i.Element(T + "ItemId")!.Attribute("Id")!.Value)), graph["value"]!.AsArray().Select(e => ToEws((string)e!["id"]!)));

        var get = $"""
            <m:GetItem>
              <m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>
              <m:ItemIds><t:ItemId Id="{ToEws(seriesGraphId)}" /></m:ItemIds>
            </m:GetItem>
            """;
        var (_, masterXml) = await host.PostAsync(Envelope(get));
        var master = masterXml!.Descendants(T + "CalendarItem").Single();
        Assert.Equal("RecurringMaster", master.Element(T + "CalendarItemType")!.Value);
        Assert.Equal("Monday", master.Descendants(T + "DaysOfWeek").Single().Value);
        Assert.Equal("4", master.Descendants(T + "NumberOfOccurrences").Single().Value);
        Assert.Equal("2026-03-23T08:00:00Z", master.Element(T + "ModifiedOccurrences")!.Descendants(T + "OriginalStart").Single().Value);
        Assert.Equal("2026-03-30T07:00:00Z", master.Element(T + "DeletedOccurrences")!.Descendants(T + "Start").Single().Value);
    }

    [Fact]
    public async Task Deleting_an_occurrence_through_EWS_shows_as_a_removal_in_Graph_delta()
    {
        GraphContractTests.SeedSeries(host);
        var window = "startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z";
        var (_, first) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/calendarView/delta?{window}");
        var firstOccurrence = (string)first!["value"]![0]!["id"]!;

        var delete = $"""
            <m:DeleteItem DeleteType="MoveToDeletedItems" SendMeetingCancellations="SendToNone">
              <m:ItemIds><t:ItemId Id="{ToEws(firstOccurrence)}" /></m:ItemIds>
            </m:DeleteItem>
            """;
        var (_, deleted) = await host.PostAsync(Envelope(delete));
        Assert.Equal("NoError", Assert.Single(deleted!.Messages()).Code());

        var (_, delta) = await host.GraphAsync(HttpMethod.Get, (string)first["@odata.deltaLink"]!);
        Assert.Contains(delta!["value"]!.AsArray(), v => (string)v!["id"]! == firstOccurrence && v["@removed"] is not null);
        Assert.Empty(host.Exchange.MeetingMessages);
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

    private static string ToEws(string id) => ItemId.TryParse(id, out var parsed) ? parsed.ToEws() : id;

    private static string Update(XElement itemId, string send, string subject) => $"""
        <m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="{send}">
          <m:ItemChanges>
            <t:ItemChange>
              <t:ItemId Id="{itemId.Attribute("Id")!.Value}" ChangeKey="{itemId.Attribute("ChangeKey")!.Value}" />
              <t:Updates>
                <t:SetItemField><t:FieldURI FieldURI="item:Subject" /><t:CalendarItem><t:Subject>{subject}</t:Subject></t:CalendarItem></t:SetItemField>
              </t:Updates>
            </t:ItemChange>
          </m:ItemChanges>
        </m:UpdateItem>
        """;

    private static string ContactUpdate(string resolution, params (string Id, string ChangeKey, string Title)[] changes) => $"""
        <m:UpdateItem ConflictResolution="{resolution}">
          <m:ItemChanges>
            {string.Concat(changes.Select(c => $"""
                <t:ItemChange>
                  <t:ItemId Id="{c.Id}" ChangeKey="{c.ChangeKey}" />
                  <t:Updates>
                    <t:SetItemField><t:FieldURI FieldURI="contacts:JobTitle" /><t:Contact><t:JobTitle>{c.Title}</t:JobTitle></t:Contact></t:SetItemField>
                  </t:Updates>
                </t:ItemChange>
                """))}
          </m:ItemChanges>
        </m:UpdateItem>
        """;
}
