using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Auth;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Reliability.Tests.Support;

public enum Backend { Graph, Ews }

/// <summary>
/// The remote systems (Entra, Salesforce and Exchange emulators) with one mailbox, and a store in a
/// SQLite file holding the two connections and the sync configuration, saved with the product's own
/// store code as the admin API saves them. The product runs in-process (<see cref="SyncAsync"/>) or as a
/// <c>sync-worker</c> process configured with <see cref="WorkerEnvironment"/>; both read that store.
/// Graph uses an app-only token; EWS an app-only Exchange Online token too, so both have tokens to expire.
/// </summary>
public sealed class ReliabilityWorld : IAsyncDisposable
{
    public const string Mailbox = "alice@contoso.com";
    private const string ExchangeApp = "5a1c3e9d-0000-4000-8000-0000000000a1";
    private const string ExchangeSecret = "exchange-secret";
    private const string SalesforceApp = "3MVG9-outlookcrm-reliability";
    private const string SalesforceSecret = "sf-secret";

    private readonly string directory;
    private readonly Dictionary<string, string?> settings;
    private readonly ServiceProvider services;

    private ReliabilityWorld(Backend backend, EntraEmulator entra, SalesforceEmulator salesforce, ExchangeEmulator exchange,
        string directory, Dictionary<string, string?> settings, ServiceProvider services)
    {
        Backend = backend;
        Entra = entra;
        Salesforce = salesforce;
        Exchange = exchange;
        this.directory = directory;
        this.settings = settings;
        this.services = services;
    }

    public Backend Backend { get; }
    public EntraEmulator Entra { get; }
    public SalesforceEmulator Salesforce { get; }
    public ExchangeEmulator Exchange { get; }
    public string CrmUserId { get; private set; } = "";

    /// <summary>The Exchange front the product talks to.</summary>
    public EmulatorServer ExchangeFront => Backend == Backend.Graph ? Exchange.Graph : Exchange.Ews;

    /// <summary>The emulators a sync calls (tokens are cached, so Entra sees a call or two).</summary>
    public IReadOnlyList<EmulatorServer> Remotes => [Salesforce, ExchangeFront];

    public SyncConfiguration Configuration { get; } = new("reliability", true, [Mailbox],
        new ContactSyncOptions(SyncDirection.Both, ConflictWinner.Crm, PropagateDeletes: true),
        new EventSyncOptions(SyncDirection.Both, ConflictWinner.Exchange, new DateOnly(2026, 1, 1), IncludePrivate: false, PropagateDeletes: true),
        FieldMappings.None);

    /// <summary>What a <c>sync-worker</c> process needs (CONTRACT.md §2 plus the lease it keeps on the mailbox) to use this store.</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment => settings.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value ?? "");

    public static async Task<ReliabilityWorld> StartAsync(Backend backend)
    {
        var certificates = TestCertificates.Shared;
        var entra = new EntraEmulator(certificates);
        await entra.StartAsync();
        var salesforce = new SalesforceEmulator(certificates);
        await salesforce.StartAsync();
        var exchange = new ExchangeEmulator(certificates, entra.Keys);
        await exchange.StartAsync();

        var directory = Directory.CreateTempSubdirectory("outlookcrm-reliability-").FullName;
        var caFile = Path.Combine(directory, "emulator-ca.pem");
        certificates.WriteAuthorityPem(caFile);
        var settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = "sqlite",
            ["Store:ConnectionString"] = $"Data Source={Path.Combine(directory, "store.db")};Pooling=False",
            ["DataProtection:KeysDirectory"] = Path.Combine(directory, "keys"),
            ["Http:TrustedCaFile"] = caFile,
            // A killed worker's claim on the mailbox lapses quickly, so the restarted one is not turned away for long.
            ["Sync:LeaseDuration"] = "00:00:00.250",
            ["Logging:LogLevel:Default"] = "Error",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = new ShiftedClock();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error))
            .AddStore(configuration)
            .AddOutboundHttp(configuration)
            .AddSyncOptions(configuration)
            .AddSyncServices()
            .BuildServiceProvider();
        await services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);

        var world = new ReliabilityWorld(backend, entra, salesforce, exchange, directory, settings, services) { Clock = clock };
        await world.ConnectAsync();
        return world;
    }

    /// <summary>The in-process product's clock: real time that <see cref="Wait"/> moves ahead.</summary>
    public ShiftedClock Clock { get; private init; } = new();

    /// <summary>Lets time pass for the in-process product and the CRM alike (Salesforce change windows are at least a minute).</summary>
    public void Wait(TimeSpan time)
    {
        Clock.Advance(time);
        Salesforce.Org.AdvanceClock(time);
    }

    public T Service<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>One run of the mailbox in this process, as the worker's job runs it (without the run row).</summary>
    public Task<MailboxSyncReport> SyncAsync() =>
        Service<MailboxSyncRunner>().RunAsync(Configuration, Mailbox, null, CancellationToken.None);

    /// <summary>Registers the apps, accounts and users on the emulators and stores the connections and the configuration.</summary>
    private async Task ConnectAsync()
    {
        Exchange.Seed(new SeedDocument
        {
            Mailboxes = [new SeedMailbox { Smtp = Mailbox, DisplayName = "Alice" }],
            Apps = [new SeedApp { ClientId = ExchangeApp, Mailboxes = [Mailbox] }],
        });
        Entra.TokenEndpoint.Register(new AppRegistration
        {
            ClientId = ExchangeApp,
            Secrets = [ExchangeSecret],
            Roles = new(StringComparer.OrdinalIgnoreCase)
            {
                ["https://graph.microsoft.com"] = ["Calendars.ReadWrite", "Contacts.ReadWrite"],
                ["https://outlook.office365.com"] = ["full_access_as_app"],
            },
        });
        CrmUserId = Salesforce.AddUser(Mailbox, email: Mailbox, lastName: "Alice");
        Salesforce.AddUser("integration@contoso.com", email: "integration@contoso.com", lastName: "Integration");
        Salesforce.RegisterApp(new ConnectedApp { ClientId = SalesforceApp, ClientSecret = SalesforceSecret, RunAsUsername = "integration@contoso.com" });

        var auth = new JsonObject
        {
            ["type"] = "clientCredentials", ["authority"] = Entra.BaseUrl, ["tenantId"] = EntraEmulator.DefaultTenantId, ["clientId"] = ExchangeApp,
        };
        var exchangeSettings = Backend == Backend.Graph
            ? new JsonObject { ["type"] = "graph", ["graphUrl"] = Exchange.GraphUrl, ["auth"] = auth }
            : new JsonObject { ["type"] = "ews", ["ewsUrl"] = Exchange.EwsUrl, ["auth"] = auth };
        var connections = Service<ConnectionRepository>();
        await connections.SaveAsync("exchange", exchangeSettings.ToJsonString(), new Dictionary<string, string> { ["clientSecret"] = ExchangeSecret },
            "admin@contoso.com", CancellationToken.None);
        var crmSettings = new JsonObject
        {
            ["type"] = "salesforce", ["loginUrl"] = Salesforce.LoginUrl, ["apiVersion"] = "62.0",
            ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["clientId"] = SalesforceApp },
        };
        await connections.SaveAsync("crm", crmSettings.ToJsonString(), new Dictionary<string, string> { ["clientSecret"] = SalesforceSecret },
            "admin@contoso.com", CancellationToken.None);
        await Service<SyncConfigurationRepository>().SaveAsync(Configuration, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Exchange.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Entra.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A worker process still closing the store; the temp folder is cleaned by the OS.
        }
    }
}
