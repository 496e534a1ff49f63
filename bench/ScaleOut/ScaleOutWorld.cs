using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Store;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Shared;

namespace OutlookCrm.Bench.ScaleOut;

/// <summary>
/// One scale-out round's world: the Entra, Salesforce and Exchange emulators seeded with M mailboxes of
/// N contacts and N events each (each mailbox's CRM user owning its CRM contacts; one service account
/// that may impersonate them all; one Graph app allowed on them all), and a fresh PostgreSQL database
/// holding the two connections (secrets encrypted) and one sync configuration assigning the M mailboxes,
/// as an admin would leave it. Workers are then started on <see cref="WorkerSettings"/>.
/// </summary>
public sealed class ScaleOutWorld : IAsyncDisposable
{
    /// <summary>The emulators' grants and the stored connections' credentials; the Salesforce app runs as an integration user.</summary>
    private static readonly SyncAccess Access = new(GraphClientId: BenchWorld.GraphAppId);

    private readonly EmulatorStack emulators;
    private readonly BenchPostgres postgres;
    private readonly string directory;

    private ScaleOutWorld(EmulatorStack emulators, BenchPostgres postgres, string directory, string storeConnectionString, IReadOnlyList<string> mailboxes)
    {
        this.emulators = emulators;
        this.postgres = postgres;
        this.directory = directory;
        StoreConnectionString = storeConnectionString;
        Mailboxes = mailboxes;
    }

    public EntraEmulator Entra => emulators.Entra;
    public SalesforceEmulator Salesforce => emulators.Salesforce;
    public ExchangeEmulator Exchange => emulators.Exchange;
    public IReadOnlyList<string> Mailboxes { get; }
    public string StoreConnectionString { get; }

    /// <summary>What every worker is configured with (the environment of a <c>sync-worker</c>): the shared store, CA and key ring.</summary>
    public IReadOnlyDictionary<string, string?> WorkerSettings => new Dictionary<string, string?>
    {
        ["Store:Provider"] = "postgres",
        ["Store:ConnectionString"] = StoreConnectionString,
        ["Http:TrustedCaFile"] = Path.Combine(directory, "ca.pem"),
        ["DataProtection:KeysDirectory"] = Path.Combine(directory, "keys"),
    };

    public static string MailboxAddress(int index) => $"user{index:D3}@contoso.com";

    public static async Task<ScaleOutWorld> StartAsync(Backend backend, BenchPostgres postgres, int mailboxCount, int items, CancellationToken cancellationToken)
    {
        var emulators = new EmulatorStack();
        await emulators.StartAsync(cancellationToken: cancellationToken);
        var directory = Directory.CreateTempSubdirectory("outlookcrm-bench-scale-out-").FullName;
        emulators.Certificates.WriteAuthorityPem(Path.Combine(directory, "ca.pem"));
        var store = await postgres.CreateDatabaseAsync("bench_scale_out", cancellationToken);

        var mailboxes = Enumerable.Range(0, mailboxCount).Select(MailboxAddress).ToList();
        var world = new ScaleOutWorld(emulators, postgres, directory, store, mailboxes);
        world.SeedEmulators(items);
        await world.ConfigureStoreAsync(backend, cancellationToken);
        return world;
    }

    /// <summary>Per mailbox: ⌈N/2⌉ Outlook contacts, ⌊N/2⌋ CRM contacts it owns, N Outlook events; every item is created on the other side.</summary>
    private void SeedEmulators(int n)
    {
        var owners = emulators.GrantSyncAccess(Mailboxes, Access);
        var firstEvent = BenchWorld.FirstEventUtc;
        for (var m = 0; m < Mailboxes.Count; m++)
        {
            var mailbox = Mailboxes[m];
            var owner = owners[mailbox];
            var box = m;
            Exchange.SeedContacts(mailbox, n - n / 2, i => new SeedContact
            {
                GivenName = $"Given{i}", Surname = $"Outlook{box}x{i}", CompanyName = $"Company {i % 50}", JobTitle = "Buyer",
                EmailAddresses = [$"outlook{box}x{i}@example.com"], BusinessPhones = [$"+1 555 {i:D7}"],
            });
            Salesforce.SeedContacts(n / 2, i => new JsonObject
            {
                ["FirstName"] = "Crm", ["LastName"] = $"Person{box}x{i}", ["Email"] = $"crm{box}x{i}@example.com", ["Title"] = "Buyer", ["OwnerId"] = owner,
            });
            Exchange.SeedEvents(mailbox, n, firstEvent, i =>
            {
                var start = firstEvent.AddMinutes(i * 20L);
                return new SeedEvent
                {
                    Subject = $"Event {i}", Start = start.ToString("yyyy-MM-ddTHH:mm:ssZ"), End = start.AddMinutes(15).ToString("yyyy-MM-ddTHH:mm:ssZ"),
                    Location = "Room 1", Organizer = mailbox,
                };
            });
        }
    }

    /// <summary>What an admin does before the workers start: migrations, the two connections, one configuration with every mailbox.</summary>
    private async Task ConfigureStoreAsync(Backend backend, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(WorkerSettings).Build();
        await using var admin = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddStore(configuration).BuildServiceProvider();
        await admin.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
        await EmulatorConnections.SaveAsync(admin.GetRequiredService<ConnectionRepository>(), emulators.Endpoints, Access,
            backend == Backend.Graph ? ExchangeAccess.GraphAppOnly : ExchangeAccess.EwsServiceAccount, cancellationToken);
        var sync = BenchWorld.DefaultConfiguration() with { Name = "scale-out", Users = Mailboxes };
        await admin.GetRequiredService<SyncConfigurationRepository>().SaveAsync(sync, cancellationToken);
    }

    /// <summary>Added to every call on every emulator (Entra, Salesforce, EWS, Graph).</summary>
    public void SetLatency(int ms) => emulators.SetLatency(TimeSpan.FromMilliseconds(ms));

    /// <summary>Every Graph or EWS request the Exchange emulator served, keyed by the mailbox it was for.</summary>
    public IEnumerable<JournalEntry> ExchangeRequests => Exchange.Graph.Admin.Journal.Entries.Concat(Exchange.Ews.Admin.Journal.Entries);

    public async ValueTask DisposeAsync()
    {
        await emulators.DisposeAsync();
        await postgres.DropDatabaseAsync(StoreConnectionString);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
