using System.Text;
using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

/// <summary>What every request must carry, checked over a run that reads and writes both folders.</summary>
public sealed class EwsRequestShapeTests
{
    private static readonly CalendarEvent Meeting = new()
    {
        Subject = "Kick-off", Start = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero),
        TimeZone = "UTC", Attendees = [new Attendee("bob@fabrikam.com", "Bob Lee")], PartnerId = "00U1",
    };

    private static async Task<EwsTestHost> RunEverything(EwsTestHost host)
    {
        var mailbox = new InMemoryEwsMailbox();
        host.Server.Fallback = mailbox.Handle;
        host.Server.Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S1", true, [EwsAnswers.Create("Contact", "C1", "K1")]));
        await foreach (var _ in host.Connector.Contacts.ReadChangesAsync(EwsTestHost.Scope, null, CancellationToken.None))
        {
        }

        var contact = (await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope, [new("c", WriteKind.Create, null, null, new Contact { GivenName = "Bob", PartnerId = "003" })], CancellationToken.None)).Single();
        var ev = (await host.Connector.Events.ApplyAsync(EwsTestHost.Scope, [new("e", WriteKind.Create, null, null, Meeting)], CancellationToken.None)).Single();
        await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope, [new("c2", WriteKind.Update, contact.Id, contact.Version, new Contact { GivenName = "Robert" })], CancellationToken.None);
        await host.Connector.Events.ApplyAsync(EwsTestHost.Scope, [new("e2", WriteKind.Update, ev.Id, ev.Version, Meeting with { Subject = "Kick-off (moved)" })], CancellationToken.None);
        await host.Connector.Events.ReadAsync(EwsTestHost.Scope, [ev.Id!], CancellationToken.None);
        await host.Connector.Events.ApplyAsync(EwsTestHost.Scope, [new("e3", WriteKind.Delete, ev.Id, null, null)], CancellationToken.None);
        await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope, [new("c3", WriteKind.Delete, contact.Id, null, null)], CancellationToken.None);
        return host;
    }

    [Fact]
    public async Task Every_request_impersonates_the_mailbox_and_anchors_on_it()
    {
        var host = await RunEverything(new EwsTestHost());

        Assert.Equal(8, host.Server.Requests.Count);
        Assert.Equal(OutboundHttpServiceCollectionExtensions.ClientName, host.Factory.RequestedName);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-sync@contoso.com:s3cret"));
        Assert.All(host.Server.Requests, r =>
        {
            Assert.Equal(EwsTestHost.Mailbox, r.ImpersonatedSmtp);
            Assert.Equal(EwsTestHost.Mailbox, r.Header("X-AnchorMailbox"));
            Assert.Equal(basic, r.Header("Authorization"));
            Assert.Equal("Exchange2013_SP1", (string?)r.Envelope.Root!.Element(EwsXml.Soap + "Header")!.Element(EwsXml.T + "RequestServerVersion")!.Attribute("Version"));
            Assert.Equal("ews." + r.Operation, r.OutboundOperation);
            Assert.Equal(r.Operation is "SyncFolderItems" or "GetItem", r.Idempotent);
        });
    }

    [Fact]
    public async Task Every_write_tells_exchange_to_send_nothing_to_attendees()
    {
        var host = await RunEverything(new EwsTestHost());

        var writes = host.Server.Requests.Where(r => r.Operation is "CreateItem" or "UpdateItem" or "DeleteItem").ToList();
        Assert.Equal(6, writes.Count);
        Assert.All(writes, r =>
        {
            var attribute = r.Operation switch
            {
                "CreateItem" => "SendMeetingInvitations",
                "UpdateItem" => "SendMeetingInvitationsOrCancellations",
                _ => "SendMeetingCancellations",
            };
            Assert.Equal("SendToNone", (string?)r.Body.Attribute(attribute));
        });
        Assert.Contains(writes, r => r.Body.Descendants(EwsXml.T + "RequiredAttendees").Any()); // a real meeting was among them
    }

    [Fact]
    public async Task OAuth_connections_send_the_token_source_bearer_token()
    {
        var settings = new EwsConnectionSettings(new Uri("https://outlook.office365.com/EWS/Exchange.asmx"),
            new EwsClientCredentialsAuth(new Uri("https://login.microsoftonline.com"), "tenant", "client", "secret"));
        var host = new EwsTestHost(settings: settings, tokens: new StaticTokenSource("eyJ0eXAi.token"));
        host.Server.Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S1", true, []));

        await foreach (var _ in host.Connector.Events.ReadChangesAsync(EwsTestHost.Scope, null, CancellationToken.None))
        {
        }

        var request = Assert.Single(host.Server.Requests);
        Assert.Equal("Bearer eyJ0eXAi.token", request.Header("Authorization"));
        Assert.Equal(EwsTestHost.Mailbox, request.Header("X-AnchorMailbox"));
        Assert.Throws<ArgumentException>(() => new EwsMailboxConnector(settings, host.Factory));
    }

    [Fact]
    public void Secrets_do_not_print()
    {
        Assert.DoesNotContain("s3cret", EwsTestHost.BasicSettings.ToString());
        Assert.DoesNotContain("topsecret", new EwsClientCredentialsAuth(new Uri("https://login.microsoftonline.com"), "t", "c", "topsecret").ToString());
    }

    private sealed class StaticTokenSource(string token) : IEwsTokenSource
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
    }
}
