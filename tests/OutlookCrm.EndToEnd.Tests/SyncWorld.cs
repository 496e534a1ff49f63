using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Core.Sync.State;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Auth;
using OutlookCrm.TestSupport;

namespace OutlookCrm.EndToEnd.Tests;

public enum Backend { Graph, Ews }

/// <summary>
/// The product wired as in production — connections stored (secrets encrypted) and read back by
/// <see cref="StoredConnectorSource"/>, the outbound HTTP pipeline trusting the emulators' CA, the
/// engine on the SQL store — against the Entra, Salesforce and Exchange emulators.
/// </summary>
public sealed class SyncWorld : IAsyncDisposable
{
    public const string Mailbox = "alice@contoso.com";
    public const string GraphApp = "5a1c3e9d-0000-4000-8000-0000000000a1";
    private const string SalesforceApp = "3MVG9-outlookcrm-sync";

    private readonly TestStore testStore;
    private readonly ServiceProvider services;

    private SyncWorld(TestStore testStore, ServiceProvider services, EntraEmulator entra, SalesforceEmulator salesforce, ExchangeEmulator exchange, Backend backend)
    {
        this.testStore = testStore;
        this.services = services;
        Entra = entra;
        Salesforce = salesforce;
        Exchange = exchange;
        Backend = backend;
    }

    public EntraEmulator Entra { get; }
    public SalesforceEmulator Salesforce { get; }
    public ExchangeEmulator Exchange { get; }
    public Backend Backend { get; }
    public string CrmUserId { get; private set; } = "";
    public ISyncStateStore State => services.GetRequiredService<ISyncStateStore>();

    public ShiftedClock Clock { get; private init; } = new();

    /// <summary>Every mailbox of the world (each with a CRM user of the same email); <see cref="Mailbox"/> by default.</summary>
    public IReadOnlyList<string> Mailboxes { get; private init; } = [Mailbox];

    /// <summary>Lets time pass for the product and the CRM alike (Salesforce change windows are at least a minute).</summary>
    public void Wait(TimeSpan time)
    {
        Clock.Advance(time);
        Salesforce.Org.AdvanceClock(time);
    }

    public SyncConfiguration Configuration { get; set; } = new("sales", true, [],
        new ContactSyncOptions(SyncDirection.Both, ConflictWinner.Crm, PropagateDeletes: true),
        new EventSyncOptions(SyncDirection.Both, ConflictWinner.Exchange, new DateOnly(2026, 1, 1), IncludePrivate: false, PropagateDeletes: true),
        FieldMappings.None);

    /// <param name="settings">Extra configuration for the product, e.g. <c>Http:Resilience:MaxInlineRetryAfter</c>.</param>
    public static async Task<SyncWorld> StartAsync(
        Backend backend, StoreProvider provider = StoreProvider.Sqlite, IReadOnlyList<string>? mailboxes = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var certificates = TestCertificates.Shared;
        var entra = new EntraEmulator(certificates);
        await entra.StartAsync();
        var salesforce = new SalesforceEmulator(certificates);
        await salesforce.StartAsync();
        var exchange = new ExchangeEmulator(certificates, entra.Keys);
        await exchange.StartAsync();
        var testStore = await TestStore.CreateAsync(provider);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(testStore.Settings.Concat(
        [
            new("Http:TrustedCaFile", EmulatorHttp.WriteCaFile(certificates)),
            new("DataProtection:KeysDirectory", Directory.CreateTempSubdirectory("outlookcrm-keys-").FullName),
        ]).Concat(settings ?? [])).Build();
        var clock = new ShiftedClock();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddStore(configuration)
            .AddOutboundHttp(configuration)
            .AddSyncOptions(new ConfigurationBuilder().AddInMemoryCollection([new("Sync:PollInterval", "00:00:00.200")]).Build())
            .AddSyncServices()
            .AddSingleton<OncePass>()
            .AddSingleton<SyncLoop>()
            .BuildServiceProvider();
        await services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);

        var world = new SyncWorld(testStore, services, entra, salesforce, exchange, backend) { Clock = clock, Mailboxes = mailboxes ?? [Mailbox] };
        await world.ConnectAsync();
        return world;
    }

    /// <summary>Registers the apps and accounts on the emulators and stores the two connections as an admin would.</summary>
    private async Task ConnectAsync()
    {
        Exchange.Seed(new SeedDocument
        {
            Mailboxes = Mailboxes.Select(m => new SeedMailbox { Smtp = m, DisplayName = m.Split('@')[0] }).ToList(),
            ServiceAccounts = [new SeedServiceAccount { Username = "svc-sync@contoso.com", Password = "Svc-Pa55!", Impersonate = [.. Mailboxes] }],
            Apps = [new SeedApp { ClientId = GraphApp, Mailboxes = [.. Mailboxes] }],
        });
        Entra.TokenEndpoint.Register(new AppRegistration
        {
            ClientId = GraphApp,
            Secrets = ["graph-secret"],
            Roles = new(StringComparer.OrdinalIgnoreCase) { ["https://graph.microsoft.com"] = ["Calendars.ReadWrite", "Contacts.ReadWrite"] },
        });
        foreach (var other in Mailboxes.Where(m => m != Mailbox))
        {
            Salesforce.AddUser(other, email: other, lastName: other.Split('@')[0]);
        }

        CrmUserId = Mailboxes.Contains(Mailbox) ? Salesforce.AddUser(Mailbox, email: Mailbox, lastName: "Alice") : "";
        Salesforce.AddUser("integration@contoso.com", email: "integration@contoso.com", lastName: "Integration");
        Salesforce.RegisterApp(new ConnectedApp { ClientId = SalesforceApp, ClientSecret = "sf-secret", RunAsUsername = "integration@contoso.com" });

        var connections = services.GetRequiredService<ConnectionRepository>();
        var exchangeSettings = Backend == Backend.Graph
            ? new JsonObject
            {
                ["type"] = "graph", ["graphUrl"] = Exchange.GraphUrl,
                ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["authority"] = Entra.BaseUrl, ["tenantId"] = EntraEmulator.DefaultTenantId, ["clientId"] = GraphApp },
            }
            : new JsonObject
            {
                ["type"] = "ews", ["ewsUrl"] = Exchange.EwsUrl,
                ["auth"] = new JsonObject { ["type"] = "basic", ["username"] = "svc-sync@contoso.com" },
            };
        var exchangeSecrets = Backend == Backend.Graph
            ? new Dictionary<string, string> { ["clientSecret"] = "graph-secret" }
            : new Dictionary<string, string> { ["password"] = "Svc-Pa55!" };
        await connections.SaveAsync("exchange", exchangeSettings.ToJsonString(), exchangeSecrets, "admin@contoso.com", CancellationToken.None);
        var crmSettings = new JsonObject
        {
            ["type"] = "salesforce", ["loginUrl"] = Salesforce.LoginUrl, ["apiVersion"] = "62.0",
            ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["clientId"] = SalesforceApp },
        };
        await connections.SaveAsync("crm", crmSettings.ToJsonString(), new Dictionary<string, string> { ["clientSecret"] = "sf-secret" }, "admin@contoso.com", CancellationToken.None);
    }

    public T Service<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Saves <see cref="Configuration"/> as the admin API would, so the loop and --once find the mailbox.</summary>
    public Task SaveConfigurationAsync() => Service<SyncConfigurationRepository>().SaveAsync(Configuration with { Users = Mailboxes }, CancellationToken.None);

    public Task<MailboxSyncReport> SyncAsync() =>
        services.GetRequiredService<MailboxSyncRunner>().RunAsync(Configuration, Mailbox, null, CancellationToken.None);

    /// <summary>
    /// Writes the product made since the journals were cleared, as (calls, items): Salesforce write
    /// calls; EWS Create/Update/DeleteItem calls; Graph writes direct or inside <c>$batch</c>.
    /// </summary>
    public (long Salesforce, long Exchange) Writes()
    {
        var sf = Salesforce.Admin.Journal.ByOperation.Where(kv => IsWrite(kv.Key)).Sum(kv => kv.Value);
        var exchange = Backend == Backend.Graph
            ? Exchange.Graph.Admin.Journal.ByOperation.Concat(Exchange.Graph.Admin.BatchMembers.ByOperation).Where(kv => IsWrite(kv.Key)).Sum(kv => kv.Value)
            : Exchange.Ews.Admin.Journal.ByOperation.Where(kv => kv.Key is "ews.CreateItem" or "ews.UpdateItem" or "ews.DeleteItem").Sum(kv => kv.Value);
        return (sf, exchange);
    }

    public IReadOnlyList<T> ExchangeItems<T>() where T : Emulators.Exchange.Store.MailboxItem
    {
        var box = Exchange.Store.FindMailbox(Mailbox)!;
        var folder = typeof(T) == typeof(Emulators.Exchange.Store.ContactItem) ? Emulators.Exchange.Store.FolderKind.Contacts : Emulators.Exchange.Store.FolderKind.Calendar;
        return Exchange.Store.List(box.Id, folder).Where(i => !i.IsDeleted).OfType<T>().ToList();
    }

    public IReadOnlyList<Emulators.Salesforce.Store.SObjectRecord> CrmRecords(string type) => Salesforce.GetRecords(type);

    /// <summary>An item's id as <see cref="ExchangeEmulator.Outlook"/> edits take it.</summary>
    public string OutlookId(Emulators.Exchange.Store.MailboxItem item) =>
        new Emulators.Exchange.Store.ItemId(Emulators.Exchange.Store.ItemIdKind.Item, Exchange.Store.FindMailbox(Mailbox)!.Id, item.Key).ToGraph();

    public void ClearJournals()
    {
        Salesforce.Admin.Journal.Clear();
        Exchange.Graph.Admin.Journal.Clear();
        Exchange.Graph.Admin.BatchMembers.Clear();
        Exchange.Ews.Admin.Journal.Clear();
    }

    // sf.updated and sf.deleted read Salesforce's change feed: they write nothing.
    private static bool IsWrite(string operation) => operation is not ("sf.updated" or "sf.deleted") && (
        operation.Contains("create", StringComparison.OrdinalIgnoreCase) || operation.Contains("update", StringComparison.OrdinalIgnoreCase)
        || operation.Contains("delete", StringComparison.OrdinalIgnoreCase) || operation.Contains("upsert", StringComparison.OrdinalIgnoreCase)
        || operation.Contains("patch", StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Exchange.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Entra.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await testStore.DisposeAsync();
    }
}
