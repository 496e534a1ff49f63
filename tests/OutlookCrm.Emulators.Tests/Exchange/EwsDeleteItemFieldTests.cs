using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Tests.Exchange.EwsSoap;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>UpdateItem's DeleteItemField on the attendee lists of a CalendarItem, as raw SOAP.</summary>
public sealed class EwsDeleteItemFieldTests : IAsyncLifetime
{
    private readonly ExchangeHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Deleting_calendar_Resources_clears_the_resources_and_keeps_the_other_attendees()
    {
        host.Exchange.Seed(new SeedDocument
        {
            Events =
            [
                new SeedEvent
                {
                    Mailbox = Alice, Subject = "Board meeting", Start = "2026-12-01T09:00:00Z", End = "2026-12-01T10:00:00Z", Organizer = Alice,
                    Attendees = [new SeedAttendee { Email = "carol@fabrikam.com" }, new SeedAttendee { Email = "room1@contoso.com", Type = "resource" }],
                },
            ],
        });
        var box = host.Exchange.Store.FindMailbox(Alice)!;
        var item = new ItemId(ItemIdKind.Item, box.Id, host.Exchange.Store.List(box.Id, FolderKind.Calendar).Single().Key);

        var (status, answer) = await host.PostAsync(Envelope($"""
            <m:UpdateItem ConflictResolution="AlwaysOverwrite" SendMeetingInvitationsOrCancellations="SendToNone">
              <m:ItemChanges>
                <t:ItemChange>
                  <t:ItemId Id="{item.ToEws()}" />
                  <t:Updates><t:DeleteItemField><t:FieldURI FieldURI="calendar:Resources" /></t:DeleteItemField></t:Updates>
                </t:ItemChange>
              </m:ItemChanges>
            </m:UpdateItem>
            """));

        Assert.Equal(200, status);
        Assert.Equal("NoError", Assert.Single(answer!.Messages()).Code());
        var updated = (EventItem)host.Exchange.Outlook(Alice).Read(item.ToGraph())!;
        Assert.Equal(["carol@fabrikam.com"], updated.Attendees.Select(a => a.Email.Address));
        Assert.Empty(host.Exchange.MeetingMessages);
    }
}
