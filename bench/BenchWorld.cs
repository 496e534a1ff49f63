using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Shared;

namespace OutlookCrm.Bench;

public enum Backend { Graph, Ews }

/// <summary>Real time plus an offset the benchmark moves forward, so Salesforce's minute-grained change windows pass.</summary>
public sealed class BenchClock : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Offset += by;
}

/// <summary>
/// The product wired as in production (stored, encrypted connections read by
/// <see cref="StoredConnectorSource"/>, the outbound HTTP pipeline with its <see cref="RemoteCallCounter"/>,
/// the engine on a SQLite store in a temp directory) against the in-process Entra, Salesforce and
/// Exchange emulators. Same approach as the end-to-end tests' SyncWorld, without test support.
/// </summary>
public sealed class BenchWorld : IAsyncDisposable
{
    public const string Mailbox = "alice@contoso.com";
    public const string GraphAppId = "5a1c3e9d-0000-4000-8000-0000000000a1";

    /// <summary>The emulators' grants and the stored connections' credentials; the sync's Salesforce app runs as the mailbox's own CRM user.</summary>
    private static readonly SyncAccess Access = new(GraphClientId: GraphAppId, SalesforceRunAs: Mailbox);

    private readonly EmulatorStack emulators;
    private readonly ServiceProvider services;
    private readonly string directory;

    private BenchWorld(EmulatorStack emulators, ServiceProvider services, string directory, Backend backend, BenchClock clock)
    {
        this.emulators = emulators;
        this.services = services;
        this.directory = directory;
        Backend = backend;
        Clock = clock;
    }

    public EntraEmulator Entra => emulators.Entra;
    public SalesforceEmulator Salesforce => emulators.Salesforce;
    public ExchangeEmulator Exchange => emulators.Exchange;
    public Backend Backend { get; }
    public BenchClock Clock { get; }
    public string CrmUserId { get; private set; } = "";
    public RemoteCallCounter Calls => services.GetRequiredService<RemoteCallCounter>();
    public (long WriteBatches, long ReadBatches, long WriteMembers, long ReadMembers) LastBatches { get; set; }
    public BatchInspector Batches => services.GetRequiredService<BatchInspector>();
    public IServiceProvider Services => services;

    /// <summary>Events from here on (inside the sync window: <c>syncFrom</c> to a year ahead).</summary>
    public static DateTime FirstEventUtc => new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 8, 0, 0, DateTimeKind.Utc).AddMonths(-1);

    public SyncConfiguration Configuration { get; set; } = DefaultConfiguration();

    /// <summary>Both directions, CRM wins contacts, Exchange wins events, events from a month before <see cref="FirstEventUtc"/>.</summary>
    public static SyncConfiguration DefaultConfiguration() => new("bench", true, [Mailbox],
        new ContactSyncOptions(SyncDirection.Both, ConflictWinner.Crm, PropagateDeletes: true),
        new EventSyncOptions(SyncDirection.Both, ConflictWinner.Exchange, DateOnly.FromDateTime(FirstEventUtc.AddMonths(-1)), IncludePrivate: false, PropagateDeletes: true),
        FieldMappings.None);

    /// <summary>Where the product's store, key ring and the emulators' CA live (see <see cref="ProductServices"/>).</summary>
    public string StateDirectory => directory;

    public static async Task<BenchWorld> StartAsync(Backend backend)
    {
        var emulators = new EmulatorStack();
        await emulators.StartAsync();

        var directory = Directory.CreateTempSubdirectory("outlookcrm-bench-").FullName;
        emulators.Certificates.WriteAuthorityPem(ProductServices.CaFile(directory));
        var clock = new BenchClock();
        var batches = new BatchInspector();
        var collection = ProductServices.Create(directory, clock, batches);
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);

        var world = new BenchWorld(emulators, services, directory, backend, clock);
        await world.ConnectAsync();
        return world;
    }

    private async Task ConnectAsync()
    {
        CrmUserId = emulators.GrantSyncAccess([Mailbox], Access)[Mailbox];
        await EmulatorConnections.SaveAsync(services.GetRequiredService<ConnectionRepository>(), emulators.Endpoints, Access,
            Backend == Backend.Graph ? ExchangeAccess.GraphAppOnly : ExchangeAccess.EwsServiceAccount);
    }

    /// <summary>N contacts and N events in the mailbox (events 20 minutes apart from <see cref="FirstEventUtc"/>, so 100,000 stay inside a year).</summary>
    public IReadOnlyList<string> SeedExchangeContacts(int count, int offset = 0) =>
        count <= 0 ? [] : Exchange.SeedContacts(Mailbox, count, i => new SeedContact
        {
            GivenName = $"Given{i + offset}", Surname = $"Surname{i + offset}", CompanyName = $"Company {(i + offset) % 50}", JobTitle = "Buyer",
            EmailAddresses = [$"outlook{i + offset}@example.com"], BusinessPhones = [$"+1 555 {i + offset:D7}"],
        });

    public IReadOnlyList<string> SeedExchangeEvents(int count, int minutesApart = 20) =>
        count <= 0 ? [] : Exchange.SeedEvents(Mailbox, count, FirstEventUtc, i =>
        {
            var start = FirstEventUtc.AddMinutes((long)i * minutesApart);
            return new SeedEvent
            {
                Subject = $"Event {i}", Start = start.ToString("yyyy-MM-ddTHH:mm:ssZ"), End = start.AddMinutes(15).ToString("yyyy-MM-ddTHH:mm:ssZ"),
                Location = "Room 1", Organizer = Mailbox,
            };
        });

    /// <summary>N contacts owned by the mailbox's CRM user (distinct e-mails from the Outlook ones: no matching, every item is a create).</summary>
    public IReadOnlyList<string> SeedCrmContacts(int count) =>
        count <= 0 ? [] : Salesforce.SeedContacts(count, i => new JsonObject
        {
            ["FirstName"] = "Crm", ["LastName"] = $"Person{i}", ["Email"] = $"crm{i}@example.com", ["Title"] = "Buyer", ["OwnerId"] = CrmUserId,
        });

    /// <summary>Added to every call on every emulator (Entra, Salesforce, EWS, Graph).</summary>
    public void SetLatency(int ms) => emulators.SetLatency(TimeSpan.FromMilliseconds(ms));

    /// <summary>Lets time pass for the product and the CRM alike (Salesforce change windows are at least a minute).</summary>
    public void Wait(TimeSpan time)
    {
        Clock.Advance(time);
        Salesforce.Org.AdvanceClock(time);
    }

    public Task<MailboxSyncReport> SyncAsync(CancellationToken cancellationToken = default) =>
        services.GetRequiredService<MailboxSyncRunner>().RunAsync(Configuration, Mailbox, null, cancellationToken);

    public Task<ICrmConnector> CrmAsync() => services.GetRequiredService<IConnectorSource>().CrmAsync(CancellationToken.None);

    public void ClearJournals()
    {
        Entra.Admin.Journal.Clear();
        Salesforce.Admin.Journal.Clear();
        Exchange.Graph.Admin.Journal.Clear();
        Exchange.Graph.Admin.BatchMembers.Clear();
        Exchange.Ews.Admin.Journal.Clear();
    }

    /// <summary>What the emulators saw since <see cref="ClearJournals"/> (BENCH_TRACE=1): one line per request.</summary>
    public void TraceJournals(TextWriter output)
    {
        foreach (var (name, journal) in new[] { ("salesforce", Salesforce.Admin.Journal), ("graph", Exchange.Graph.Admin.Journal), ("graph$batch", Exchange.Graph.Admin.BatchMembers), ("ews", Exchange.Ews.Admin.Journal) })
        {
            foreach (var e in journal.Entries)
            {
                output.WriteLine($"{name} {e.Operation} {e.Status} {e.Method} {Uri.UnescapeDataString(e.Path)}");
            }
        }
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
        }
    }
}
