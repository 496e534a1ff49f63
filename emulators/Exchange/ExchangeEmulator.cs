using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Ews;
using OutlookCrm.Emulators.Exchange.Graph;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange;

/// <summary>
/// One mailbox store behind two protocol fronts, each its own HTTPS listener: EWS
/// (<see cref="EwsUrl"/>) and Graph v1.0 (<see cref="GraphUrl"/>). Bearer tokens must come from
/// the Entra emulator whose <see cref="EntraSigningKeys"/> are passed in. This class is also the C#
/// API for in-process tests and benchmarks: seed, edit as a person in Outlook, read, count.
/// </summary>
public sealed class ExchangeEmulator : IAsyncDisposable
{
    public ExchangeEmulator(EmulatorCertificates certificates, EntraSigningKeys? signingKeys, IMailboxStore? store = null)
    {
        Store = store ?? new InMemoryMailboxStore();
        Graph = new GraphEmulator(certificates, Store, signingKeys);
        Ews = new EwsEmulator(certificates, Store, signingKeys);
    }

    public IMailboxStore Store { get; }
    public GraphEmulator Graph { get; }
    public EwsEmulator Ews { get; }

    /// <summary>e.g. <c>https://127.0.0.1:5001/v1.0</c>.</summary>
    public string GraphUrl => Graph.ServiceRoot;

    /// <summary>e.g. <c>https://127.0.0.1:5002/EWS/Exchange.asmx</c>.</summary>
    public string EwsUrl => Ews.EndpointUrl;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await Graph.StartAsync(cancellationToken: cancellationToken);
        await Ews.StartAsync(cancellationToken: cancellationToken);
    }

    public SeedResult Seed(SeedDocument document) => new Seeder(Store).Apply(document);

    /// <summary>Adds <paramref name="count"/> contacts quickly (contact{i}@example.com); returns their Graph ids.</summary>
    public IReadOnlyList<string> SeedContacts(string smtp, int count, Func<int, SeedContact>? make = null)
    {
        var box = Mailbox(smtp);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var seed = make?.Invoke(i) ?? new SeedContact
            {
                GivenName = $"Given{i}",
                Surname = $"Surname{i}",
                CompanyName = $"Company {i % 50}",
                JobTitle = "Buyer",
                EmailAddresses = [$"contact{i}@example.com"],
                BusinessPhones = [$"+1 555 {i:D7}"],
            };
            ids.Add(new ItemId(ItemIdKind.Item, box.Id, Store.Create(box.Id, Seeder.ToContact(seed)).Key).ToGraph());
        }

        return ids;
    }

    /// <summary>Adds <paramref name="count"/> one-hour events, one per hour from <paramref name="firstStartUtc"/>; returns their Graph ids.</summary>
    public IReadOnlyList<string> SeedEvents(string smtp, int count, DateTime firstStartUtc, Func<int, SeedEvent>? make = null)
    {
        var box = Mailbox(smtp);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var start = DateTime.SpecifyKind(firstStartUtc, DateTimeKind.Utc).AddHours(i);
            var seed = make?.Invoke(i) ?? new SeedEvent
            {
                Subject = $"Event {i}",
                Start = start.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                End = start.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                Location = "Room 1",
            };
            ids.Add(new ItemId(ItemIdKind.Item, box.Id, Store.Create(box.Id, Seeder.ToEvent(seed, box)).Key).ToGraph());
        }

        return ids;
    }

    /// <summary>Edits as the mailbox owner would in Outlook (creates the mailbox if needed).</summary>
    public OutlookUser Outlook(string smtp) => new(Store, Mailbox(smtp));

    public int Count(string smtp, FolderKind folder) => Store.Count(Mailbox(smtp).Id, folder);

    public IReadOnlyList<MeetingMessage> MeetingMessages => Store.MeetingMessages;

    public async ValueTask DisposeAsync()
    {
        await Graph.Subscriptions.DisposeAsync();
        await Graph.DisposeAsync();
        await Ews.DisposeAsync();
    }

    private MailboxInfo Mailbox(string smtp) => Store.FindMailbox(smtp) ?? Store.AddMailbox(smtp);
}
