using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Core.Sync.State;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Admin;
using OutlookCrm.Emulators.Salesforce.Auth;
using OutlookCrm.Emulators.Salesforce.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Addin;

public enum ExchangeBackend { Graph, Ews }

/// <summary>
/// The API in-process with the Salesforce and Exchange emulators and both connections stored, and
/// alice's mailbox in an active configuration (events both ways, the CRM winning conflicts, so that
/// any difference the link made would be copied to Exchange). Her calendar holds one meeting with
/// Bob, a CRM contact; the test runs the sync itself.
/// </summary>
public sealed class LinkWorld : IAsyncDisposable
{
    public const string Mailbox = "alice@contoso.com";
    public const string MeetingSubject = "Renewal with Bob";
    public const string MeetingBody = "Agenda: pricing for 2027";
    private const string GraphApp = "5a1c3e9d-0000-4000-8000-0000000000c3";
    private const string SalesforceApp = "3MVG9-outlookcrm-links";

    private readonly ShiftedClock clock;

    private LinkWorld(ApiHost host, ShiftedClock clock, SalesforceEmulator salesforce, ExchangeEmulator exchange, ExchangeBackend backend)
    {
        Host = host;
        this.clock = clock;
        Salesforce = salesforce;
        Exchange = exchange;
        Backend = backend;
        Alice = host.Client(host.Token(new TokenRequest { User = Mailbox }));
    }

    public ApiHost Host { get; }
    public SalesforceEmulator Salesforce { get; }
    public ExchangeEmulator Exchange { get; }
    public ExchangeBackend Backend { get; }
    public HttpClient Alice { get; }
    public string ContactId { get; private set; } = "";
    public string OpportunityId { get; private set; } = "";

    /// <summary>The meeting's immutable Graph id (what the Graph sync keys it by).</summary>
    public string MeetingId { get; private set; } = "";

    /// <param name="translatePermission">Whether the Graph app holds User.Read.All, which the emulator's translateExchangeIds asks of app-only callers.</param>
    public static async Task<LinkWorld> StartAsync(ExchangeBackend backend, bool externalIdField = true, bool translatePermission = true)
    {
        var clock = new ShiftedClock();
        var host = await ApiHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var salesforce = new SalesforceEmulator(TestCertificates.Shared);
        await salesforce.StartAsync();
        var exchange = new ExchangeEmulator(TestCertificates.Shared, host.Entra.Keys);
        await exchange.StartAsync();
        var world = new LinkWorld(host, clock, salesforce, exchange, backend);
        await world.ConnectAsync(externalIdField, translatePermission);
        return world;
    }

    /// <summary>Outlook's item id of a meeting as the pane sends it: the default id, in REST form (<c>convertToRestId</c>).</summary>
    public string RestIdOf(string graphId)
    {
        Assert.True(ItemId.TryParse(graphId, out var id));
        return (id with { Kind = ItemIdKind.RestItem }).ToGraph();
    }

    /// <summary>The id the sync keys a meeting by: Graph's immutable id, or the EWS id the EWS sync gets (the default one).</summary>
    public string SyncIdOf(string graphId) => Backend == ExchangeBackend.Graph ? graphId : RestIdOf(graphId).Replace('-', '/').Replace('_', '+');

    public string AddMeeting(string subject, DateTime startUtc) => Exchange.Outlook(Mailbox).CreateEvent(new SeedEvent
    {
        Subject = subject, Body = MeetingBody, Start = startUtc.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        End = startUtc.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        Location = "Teams", ShowAs = "tentative", Organizer = Mailbox,
        Attendees = [new SeedAttendee { Email = "bob@fabrikam.com", Name = "Bob Lee", Response = "accepted" }],
    });

    /// <summary>A weekly call with Bob, four Tuesdays from <paramref name="firstUtc"/>, the third moved a day later (an exception).</summary>
    public string AddWeeklySeries(string subject, DateTime firstUtc)
    {
        static string Local(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return Exchange.Outlook(Mailbox).CreateEvent(new SeedEvent
        {
            Subject = subject, Body = MeetingBody, Start = Local(firstUtc), End = Local(firstUtc.AddHours(1)), Organizer = Mailbox,
            Attendees = [new SeedAttendee { Email = "bob@fabrikam.com", Name = "Bob Lee", Response = "accepted" }],
            Recurrence = new SeedRecurrence { Type = "weekly", DaysOfWeek = ["tuesday"], RangeType = "numbered", NumberOfOccurrences = 4 },
            Exceptions = [new SeedException { OriginalStart = Local(firstUtc.AddDays(14)), Start = Local(firstUtc.AddDays(15)), End = Local(firstUtc.AddDays(15).AddHours(1)) }],
        });
    }

    /// <summary>Outlook's id of one occurrence (or exception) of a series, as the pane sends it.</summary>
    public string OccurrenceRestIdOf(string seriesId, DateTime originalStartUtc) =>
        Exchange.Outlook(Mailbox).OccurrenceId(seriesId, originalStartUtc) ?? throw new InvalidOperationException("The series has no such occurrence.");

    public Task<HttpResponseMessage> LinkAsync(string restId) => Alice.PutAsJsonAsync($"/api/addin/events/{restId}/crm-link", new
    {
        subject = MeetingSubject, start = "2026-12-07T10:00:00Z", end = "2026-12-07T11:00:00Z", isAllDay = false,
        attendees = new[] { "bob@fabrikam.com" }, whoIds = new[] { ContactId }, whatId = OpportunityId,
    });

    /// <summary>
    /// One run for alice, two minutes (for the product and the CRM alike) after whatever came before:
    /// Salesforce reports changes in windows of at least a minute, so the run sees every CRM edit made
    /// since the last one, the link's included.
    /// </summary>
    public async Task<MailboxSyncReport> SyncAsync()
    {
        clock.Advance(TimeSpan.FromMinutes(2));
        Salesforce.Org.AdvanceClock(TimeSpan.FromMinutes(2));
        var services = Host.Factory.Services;
        var configuration = await services.GetRequiredService<SyncConfigurationRepository>().FindActiveForMailboxAsync(Mailbox, CancellationToken.None);
        var runner = new MailboxSyncRunner(services.GetRequiredService<IConnectorSource>(), services.GetRequiredService<ISyncStateStore>(), clock,
            NullLogger<MailboxSyncRunner>.Instance);
        var report = await runner.RunAsync(configuration!, Mailbox, null, CancellationToken.None);
        Assert.True(report.Events.Errors.Count == 0, string.Join("; ", report.Events.Errors.Select(e => $"{e.Code}: {e.Message}")));
        return report;
    }

    public IReadOnlyList<SObjectRecord> Events() => Salesforce.GetRecords("Event");

    /// <summary>The contacts and leads the Event relates to (EventRelations, not invitees).</summary>
    public IReadOnlyList<string> RelatedPeople(string eventId) => Salesforce.GetRecords("EventRelation")
        .Where(r => (string?)r["EventId"] == eventId && r["IsInvitee"] is not true && r["IsWhat"] is not true)
        .Select(r => (string)r["RelationId"]!).ToList();

    /// <summary>Writes since the journals were cleared: Salesforce write calls, and Exchange writes (Graph direct or in <c>$batch</c>, EWS Create/Update/DeleteItem).</summary>
    public (long Crm, long Exchange) Writes()
    {
        static bool IsWrite(string op) => op.Split('.')[^1] is "create" or "update" or "delete" or "upsert";
        var crm = Salesforce.Admin.Journal.ByOperation.Where(kv => IsWrite(kv.Key)).Sum(kv => kv.Value);
        var exchange = Backend == ExchangeBackend.Graph
            ? Exchange.Graph.Admin.Journal.ByOperation.Concat(Exchange.Graph.Admin.BatchMembers.ByOperation).Where(kv => IsWrite(kv.Key)).Sum(kv => kv.Value)
            : Exchange.Ews.Admin.Journal.ByOperation.Where(kv => kv.Key is "ews.CreateItem" or "ews.UpdateItem" or "ews.DeleteItem").Sum(kv => kv.Value);
        return (crm, exchange);
    }

    public void ClearJournals()
    {
        Salesforce.Admin.Journal.Clear();
        Exchange.Graph.Admin.Journal.Clear();
        Exchange.Graph.Admin.BatchMembers.Clear();
        Exchange.Ews.Admin.Journal.Clear();
    }

    private async Task ConnectAsync(bool externalIdField, bool translatePermission)
    {
        if (!externalIdField)
        {
            Salesforce.ResetOrg(withExternalIdFields: false);
        }

        Exchange.Seed(new SeedDocument
        {
            Mailboxes = [new SeedMailbox { Smtp = Mailbox, DisplayName = "Alice" }],
            ServiceAccounts = [new SeedServiceAccount { Username = "svc-sync@contoso.com", Password = "Svc-Pa55!", Impersonate = [Mailbox] }],
            Apps = [new SeedApp { ClientId = GraphApp, Mailboxes = [Mailbox] }],
        });
        Host.Entra.TokenEndpoint.Register(new Emulators.Entra.AppRegistration
        {
            ClientId = GraphApp,
            Secrets = ["graph-secret"],
            Roles = new(StringComparer.OrdinalIgnoreCase)
            {
                ["https://graph.microsoft.com"] = translatePermission ? ["Calendars.ReadWrite", "Contacts.ReadWrite", "User.Read.All"] : ["Calendars.ReadWrite", "Contacts.ReadWrite"],
            },
        });
        var alice = Salesforce.AddUser(Mailbox, email: Mailbox, lastName: "Alice");
        Salesforce.AddUser("integration@contoso.com", email: "integration@contoso.com", lastName: "Integration");
        Salesforce.RegisterApp(new ConnectedApp { ClientId = SalesforceApp, ClientSecret = "sf-secret", RunAsUsername = "integration@contoso.com" });
        var seeded = Salesforce.Seed(new SeedRequest
        {
            Accounts = [new JsonObject { ["ref"] = "fabrikam", ["Name"] = "Fabrikam", ["OwnerId"] = alice }],
            Contacts = [new JsonObject { ["ref"] = "bob", ["FirstName"] = "Bob", ["LastName"] = "Lee", ["Email"] = "bob@fabrikam.com", ["AccountId"] = "@fabrikam", ["OwnerId"] = alice }],
            Opportunities = [new JsonObject { ["ref"] = "renewal", ["Name"] = "Renewal 2027", ["StageName"] = "Proposal/Price Quote", ["CloseDate"] = "2027-03-01", ["AccountId"] = "@fabrikam", ["OwnerId"] = alice }],
        });
        (ContactId, OpportunityId) = (seeded.Ids["bob"], seeded.Ids["renewal"]);
        MeetingId = AddMeeting(MeetingSubject, new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc));
        await StoreConnectionsAsync();
    }

    private async Task StoreConnectionsAsync()
    {
        var services = Host.Factory.Services;
        var connections = services.GetRequiredService<ConnectionRepository>();
        var (exchange, secrets) = Backend == ExchangeBackend.Graph
            ? (new JsonObject
            {
                ["type"] = "graph", ["graphUrl"] = Exchange.GraphUrl,
                ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["authority"] = Host.Entra.BaseUrl, ["tenantId"] = EntraEmulator.DefaultTenantId, ["clientId"] = GraphApp },
            }, new Dictionary<string, string> { ["clientSecret"] = "graph-secret" })
            : (new JsonObject
            {
                ["type"] = "ews", ["ewsUrl"] = Exchange.EwsUrl,
                ["auth"] = new JsonObject { ["type"] = "basic", ["username"] = "svc-sync@contoso.com" },
            }, new Dictionary<string, string> { ["password"] = "Svc-Pa55!" });
        await connections.SaveAsync("exchange", exchange.ToJsonString(), secrets, "admin@contoso.com", CancellationToken.None);
        var crm = new JsonObject
        {
            ["type"] = "salesforce", ["loginUrl"] = Salesforce.LoginUrl, ["apiVersion"] = "62.0",
            ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["clientId"] = SalesforceApp },
        };
        await connections.SaveAsync("crm", crm.ToJsonString(), new Dictionary<string, string> { ["clientSecret"] = "sf-secret" }, "admin@contoso.com", CancellationToken.None);
        await services.GetRequiredService<SyncConfigurationRepository>().SaveAsync(new SyncConfiguration("sales", true, [Mailbox],
            new ContactSyncOptions(SyncDirection.None, ConflictWinner.Crm, PropagateDeletes: false),
            new EventSyncOptions(SyncDirection.Both, ConflictWinner.Crm, new DateOnly(2026, 1, 1), IncludePrivate: false, PropagateDeletes: true),
            FieldMappings.None), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Alice.Dispose();
        await Exchange.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Host.DisposeAsync();
    }
}
