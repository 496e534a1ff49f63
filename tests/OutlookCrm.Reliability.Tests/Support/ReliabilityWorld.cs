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
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Shared;
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

    /// <summary>The apps and secrets the emulators grant and the stored connections use.</summary>
    private static readonly SyncAccess Access = new();

    private readonly EmulatorStack emulators;
    private readonly string directory;
    private readonly Dictionary<string, string?> settings;
    private readonly ServiceProvider services;

    private ReliabilityWorld(Backend backend, EmulatorStack emulators, string directory, Dictionary<string, string?> settings, ServiceProvider services)
    {
        Backend = backend;
        this.emulators = emulators;
        this.directory = directory;
        this.settings = settings;
        this.services = services;
    }

    public Backend Backend { get; }
    public EntraEmulator Entra => emulators.Entra;
    public SalesforceEmulator Salesforce => emulators.Salesforce;
    public ExchangeEmulator Exchange => emulators.Exchange;
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
        var emulators = new EmulatorStack(TestCertificates.Shared);
        await emulators.StartAsync();

        var directory = Directory.CreateTempSubdirectory("outlookcrm-reliability-").FullName;
        var caFile = Path.Combine(directory, "emulator-ca.pem");
        emulators.Certificates.WriteAuthorityPem(caFile);
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

        var world = new ReliabilityWorld(backend, emulators, directory, settings, services) { Clock = clock };
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
        CrmUserId = emulators.GrantSyncAccess([Mailbox], Access)[Mailbox];
        await EmulatorConnections.SaveAsync(Service<ConnectionRepository>(), emulators.Endpoints, Access,
            Backend == Backend.Graph ? ExchangeAccess.GraphAppOnly : ExchangeAccess.EwsAppOnly);
        await Service<SyncConfigurationRepository>().SaveAsync(Configuration, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await emulators.DisposeAsync();
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
