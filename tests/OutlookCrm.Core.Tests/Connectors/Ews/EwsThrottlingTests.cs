using System.Net;
using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

public sealed class EwsThrottlingTests
{
    private static readonly string Folder = EwsTestHost.Fixture("GetFolder-Success.xml");

    private static string Created(string id) => EwsAnswers.Success("CreateItem", $"""<m:Items><t:Contact><t:ItemId Id="{id}" ChangeKey="CK-{id}"/></t:Contact></m:Items>""");

    [Fact]
    public async Task A_server_busy_fault_is_retried_only_after_the_back_off_exchange_asked_for()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetServerTimeZones", EwsTestHost.Fixture("GetServerTimeZones-Success.xml"))
            .Enqueue("GetFolder", EwsTestHost.Fixture("Fault-ServerBusy.xml"), HttpStatusCode.InternalServerError)
            .Enqueue("GetFolder", Folder)
            .Enqueue("GetFolder", Folder)
            .Enqueue("GetFolder", Folder);

        var result = await host.Connector.TestAsync(EwsTestHost.Mailbox, CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal([TimeSpan.FromMilliseconds(2500)], host.Waits);
        Assert.Equal(["request:GetServerTimeZones", "request:GetFolder", "wait:2500", "request:GetFolder", "request:GetFolder", "request:GetFolder"], host.Server.Log);
    }

    [Fact]
    public async Task Without_a_back_off_the_waits_grow_exponentially()
    {
        var host = new EwsTestHost();
        for (var i = 0; i < 3; i++)
        {
            host.Server.Enqueue("SyncFolderItems", EwsAnswers.Fault("ErrorServerBusy", "The server cannot service this request right now. Try again later."), HttpStatusCode.InternalServerError);
        }

        host.Server.Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S1", true, []));

        await foreach (var _ in host.Connector.Contacts.ReadChangesAsync(EwsTestHost.Scope, "S0", CancellationToken.None))
        {
        }

        Assert.Equal(4, host.Server.Of("SyncFolderItems").Count());
        Assert.Equal(3, host.Waits.Count);
        for (var n = 0; n < 3; n++)
        {
            // base 500 ms · 2^n, plus up to one base of jitter
            Assert.InRange(host.Waits[n].TotalMilliseconds, 500 * Math.Pow(2, n), 500 * Math.Pow(2, n) + 500);
        }
    }

    [Fact]
    public async Task A_busy_item_inside_a_batch_is_resent_alone_after_its_back_off()
    {
        var host = new EwsTestHost();
        host.Server
            .Enqueue("CreateItem", EwsAnswers.Envelope("CreateItem", Created("A1") + EwsAnswers.Busy("CreateItem", 1200) + Created("A3")))
            .Enqueue("CreateItem", EwsAnswers.Envelope("CreateItem", Created("A2")));

        var outcomes = await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope,
            [.. new[] { "a", "b", "c" }.Select(k => new WriteRequest<Contact>(k, WriteKind.Create, null, null, new Contact { GivenName = k, PartnerId = k }))],
            CancellationToken.None);

        Assert.Equal(["A1", "A2", "A3"], outcomes.OrderBy(o => o.Key).Select(o => o.Id));
        var resent = host.Server.Of("CreateItem").Last().Body.Descendants(Core.Connectors.Ews.Soap.EwsXml.T + "GivenName").Select(e => e.Value);
        Assert.Equal(["b"], resent);
        Assert.Equal(["request:CreateItem", "wait:1200", "request:CreateItem"], host.Server.Log);
    }

    [Fact]
    public async Task A_back_off_beyond_the_inline_limit_becomes_a_transient_outcome_without_retry()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("UpdateItem", EwsAnswers.Fault("ErrorServerBusy", "The server cannot service this request right now.", 297749), HttpStatusCode.InternalServerError);

        var outcomes = await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope,
            [new WriteRequest<Contact>("u1", WriteKind.Update, "C1", "K1", new Contact { GivenName = "x" }), new WriteRequest<Contact>("d1", WriteKind.Delete, "C2", null, null)],
            CancellationToken.None);

        Assert.All(outcomes, o => Assert.Equal((WriteErrorKind.Transient, TimeSpan.FromMilliseconds(297749)), (o.Error!.Kind, o.Error.RetryAfter)));
        Assert.Single(host.Server.Requests); // neither retried nor went on to the deletes
        Assert.Empty(host.Waits);
    }

    [Fact]
    public async Task Reads_that_stay_busy_surface_a_typed_exception_carrying_the_back_off()
    {
        var host = new EwsTestHost();
        host.Server.Fallback = _ => FakeEwsServer.Xml(EwsAnswers.Fault("ErrorServerBusy", "busy", 3000), HttpStatusCode.InternalServerError);

        var busy = await Assert.ThrowsAsync<EwsServerBusyException>(() => host.Connector.Contacts.ReadAsync(EwsTestHost.Scope, ["C1"], CancellationToken.None));

        Assert.Equal(TimeSpan.FromMilliseconds(3000), busy.BackOff);
        Assert.Equal(4, host.Server.Requests.Count); // bounded attempts
        Assert.All(host.Waits, w => Assert.Equal(TimeSpan.FromMilliseconds(3000), w));
    }

    [Fact]
    public async Task Http_503_on_a_write_batch_is_transient_for_every_remaining_write()
    {
        var host = new EwsTestHost();
        host.Server.Fallback = _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("Service Unavailable") };

        var outcomes = await host.Connector.Contacts.ApplyAsync(EwsTestHost.Scope,
            [new WriteRequest<Contact>("c1", WriteKind.Create, null, null, new Contact { GivenName = "x" }), new WriteRequest<Contact>("d1", WriteKind.Delete, "C2", null, null)],
            CancellationToken.None);

        Assert.Equal(["c1", "d1"], outcomes.Select(o => o.Key));
        Assert.All(outcomes, o => Assert.Equal(("Http503", WriteErrorKind.Transient), (o.Error!.Code, o.Error.Kind)));
        Assert.Single(host.Server.Requests);
    }

    [Fact]
    public async Task A_busy_response_message_without_a_fault_is_retried_too()
    {
        var host = new EwsTestHost();
        host.Server
            .Enqueue("SyncFolderItems", EwsAnswers.Envelope("SyncFolderItems", EwsAnswers.Busy("SyncFolderItems", 700)))
            .Enqueue("SyncFolderItems", EwsAnswers.SyncFolderItems("S2", true, [EwsAnswers.Create("Contact", "C1", "K1")]));

        var pages = new List<ChangePage<Contact>>();
        await foreach (var page in host.Connector.Contacts.ReadChangesAsync(EwsTestHost.Scope, "S1", CancellationToken.None))
        {
            pages.Add(page);
        }

        Assert.Equal("S2", Assert.Single(pages).Cursor);
        Assert.Equal(["request:SyncFolderItems", "wait:700", "request:SyncFolderItems"], host.Server.Log);
        Assert.All(host.Server.Of("SyncFolderItems"), r => Assert.Equal("S1", r.Body.Element(Core.Connectors.Ews.Soap.EwsXml.M + "SyncState")!.Value));
    }
}
