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
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Shared;
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

    /// <summary>The service account, apps and secrets the emulators grant and the stored connections use.</summary>
    private static readonly SyncAccess Access = new();

    private readonly EmulatorStack emulators;
    private readonly TestStore testStore;
    private readonly ServiceProvider services;

    private SyncWorld(EmulatorStack emulators, TestStore testStore, ServiceProvider services, Backend backend)
    {
        this.emulators = emulators;
        this.testStore = testStore;
        this.services = services;
        Backend = backend;
    }

    /// <summary>The app the Graph connection signs in as.</summary>
    public static string GraphApp => Access.GraphClientId;

    public EntraEmulator Entra => emulators.Entra;
    public SalesforceEmulator Salesforce => emulators.Salesforce;
    public ExchangeEmulator Exchange => emulators.Exchange;
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
        var emulators = new EmulatorStack(TestCertificates.Shared);
        await emulators.StartAsync();
        var testStore = await TestStore.CreateAsync(provider);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(testStore.Settings.Concat(
        [
            new("Http:TrustedCaFile", EmulatorHttp.WriteCaFile(emulators.Certificates)),
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

        var world = new SyncWorld(emulators, testStore, services, backend) { Clock = clock, Mailboxes = mailboxes ?? [Mailbox] };
        await world.ConnectAsync();
        return world;
    }

    /// <summary>Registers the apps and accounts on the emulators and stores the two connections as an admin would.</summary>
    private async Task ConnectAsync()
    {
        CrmUserId = emulators.GrantSyncAccess(Mailboxes, Access).GetValueOrDefault(Mailbox, "");
        await EmulatorConnections.SaveAsync(Service<ConnectionRepository>(), emulators.Endpoints, Access,
            Backend == Backend.Graph ? ExchangeAccess.GraphAppOnly : ExchangeAccess.EwsServiceAccount);
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
        await emulators.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await testStore.DisposeAsync();
    }
}
