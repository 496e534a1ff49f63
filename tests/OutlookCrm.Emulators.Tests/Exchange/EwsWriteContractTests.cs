using System.Xml.Linq;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Tests.Exchange.EwsSoap;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;
/// <summary>EWS writes (CreateItem, UpdateItem, DeleteItem, recurring series) as raw SOAP in the documented shapes: one ResponseMessage per item, meeting messages recorded only when asked for.</summary>
public sealed class EwsWriteContractTests : IAsyncLifetime
{
    private readonly ExchangeHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

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

        await Task.Delay(ThrottleRecord.InFlight * 2); // past the allowance for calls already on their way
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
