using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

/// <summary>Builds a connector over a <see cref="FakeEwsServer"/>, with waits recorded instead of slept.</summary>
public sealed class EwsTestHost
{
    public const string Mailbox = "alice@contoso.com";

    public static readonly SyncScope Scope = new(Mailbox, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero));

    public static readonly EwsConnectionSettings BasicSettings =
        new(new Uri("https://mail.contoso.com/EWS/Exchange.asmx"), new EwsBasicAuth("svc-sync@contoso.com", "s3cret"));

    public EwsTestHost(FakeEwsServer? server = null, EwsConnectionSettings? settings = null, IEwsTokenSource? tokens = null, long? maxResponseBytes = null)
    {
        Server = server ?? new FakeEwsServer();
        Factory = new FakeHttpClientFactory(Server);
        var retry = new EwsRetryPolicy
        {
            Delay = (wait, _) =>
            {
                lock (Server.Requests)
                {
                    Waits.Add(wait);
                    Server.Log.Add("wait:" + (long)wait.TotalMilliseconds);
                }

                return Task.CompletedTask;
            },
        };
        var options = new EwsConnectorOptions { Retry = retry, MaxResponseBytes = maxResponseBytes ?? SafeXmlReader.DefaultMaxBytes };
        Connector = new EwsMailboxConnector(settings ?? BasicSettings, Factory, tokens, options);
    }

    public FakeEwsServer Server { get; }

    public FakeHttpClientFactory Factory { get; }

    public EwsMailboxConnector Connector { get; }

    public List<TimeSpan> Waits { get; } = [];

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Connectors", "Ews", "Fixtures", name));
}
