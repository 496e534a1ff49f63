using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Auth;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce.Emulated;

/// <summary>
/// The Salesforce connector against the Salesforce emulator over HTTPS (the emulators' CA trusted,
/// validation on), with the product's call counter in the pipeline. <see cref="Interrupt"/> stands
/// for a process killed right after a given write call came back.
/// </summary>
internal sealed class EmulatedOrg : IAsyncDisposable
{
    public const string Mailbox = "alice@contoso.com";

    private EmulatedOrg(SalesforceEmulator emulator, ShiftedClock clock)
    {
        Emulator = emulator;
        Clock = clock;
        UserId = emulator.AddUser(Mailbox, email: Mailbox, lastName: "Alice");
        emulator.AddUser("integration@contoso.com", email: "integration@contoso.com", lastName: "Integration");
        emulator.RegisterApp(new ConnectedApp { ClientId = "3MVG9-connector-tests", ClientSecret = "sf-secret", RunAsUsername = "integration@contoso.com" });
        var counting = new CallCountingHandler(Counter) { InnerHandler = Interrupt };
        Interrupt.InnerHandler = EmulatorHttp.Handler(TestCertificates.Shared);
        Connector = new SalesforceCrmConnector(new HttpClient(counting), new SalesforceConnectionSettings
        {
            LoginUrl = emulator.LoginUrl,
            Auth = new SalesforceClientCredentialsAuth { ClientId = "3MVG9-connector-tests", ClientSecret = "sf-secret" },
        }, clock);
        Scope = new SyncScope(Mailbox, UserId, clock.GetUtcNow().AddDays(-30), clock.GetUtcNow().AddYears(1));
    }

    public SalesforceEmulator Emulator { get; }
    public ShiftedClock Clock { get; }
    public string UserId { get; }
    public RemoteCallCounter Counter { get; } = new();
    public InterruptingHandler Interrupt { get; } = new();
    public SalesforceCrmConnector Connector { get; }
    public SyncScope Scope { get; }

    public static async Task<EmulatedOrg> StartAsync(bool withExternalIdFields = true)
    {
        var emulator = new SalesforceEmulator(TestCertificates.Shared);
        await emulator.StartAsync();
        emulator.ResetOrg(withExternalIdFields);
        return new EmulatedOrg(emulator, new ShiftedClock());
    }

    /// <summary>Calls of one operation since the counter was last cleared.</summary>
    public long Calls(string operation) => Counter.ByOperation().GetValueOrDefault(operation);

    /// <summary>Lets time pass for the connector and the org alike (change windows are at least a minute).</summary>
    public void Wait(TimeSpan time)
    {
        Clock.Advance(time);
        Emulator.Org.AdvanceClock(time);
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}

/// <summary>Throws <see cref="InterruptedException"/> once the given number of write calls have come back.</summary>
internal sealed class InterruptingHandler : DelegatingHandler
{
    private int writes;

    public int? AfterWrites { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var operation = OutboundRequest.OperationOf(request);
        var isWrite = new[] { "create", "update", "upsert", "delete" }.Any(w => operation.Contains(w, StringComparison.Ordinal));
        if (isWrite && AfterWrites is { } limit && ++writes >= limit)
        {
            AfterWrites = null;
            writes = 0;
            throw new InterruptedException();
        }

        return response;
    }
}

internal sealed class InterruptedException() : Exception("the process was killed after a write");
