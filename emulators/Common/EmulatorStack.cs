using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Auth;

namespace OutlookCrm.Emulators.Common;

/// <summary>
/// The three emulators a product run talks to — Entra, Salesforce, Exchange (EWS + Graph) — over
/// HTTPS with one CA, started and stopped together. What the standalone emulators, the sandbox, the
/// benchmarks and the end-to-end tests share; each then seeds its own data.
/// </summary>
public sealed class EmulatorStack : IAsyncDisposable
{
    private readonly bool ownsCertificates;

    public EmulatorStack(EmulatorCertificates? certificates = null)
    {
        ownsCertificates = certificates is null;
        Certificates = certificates ?? EmulatorCertificates.Create();
        Entra = new EntraEmulator(Certificates);
        Salesforce = new SalesforceEmulator(Certificates);
        Exchange = new ExchangeEmulator(Certificates, Entra.Keys);
    }

    public EmulatorCertificates Certificates { get; }
    public EntraEmulator Entra { get; }
    public SalesforceEmulator Salesforce { get; }
    public ExchangeEmulator Exchange { get; }

    /// <summary>Starts all three on free ports (Entra on <paramref name="entraPort"/> when an issuer must be known beforehand).</summary>
    public async Task StartAsync(int entraPort = 0, CancellationToken cancellationToken = default)
    {
        await Entra.StartAsync(entraPort, cancellationToken);
        await Salesforce.StartAsync(cancellationToken: cancellationToken);
        await Exchange.StartAsync(cancellationToken);
    }

    /// <summary>Where a sync service finds the three, as plain URLs (what the product stores in its connections).</summary>
    public SyncEndpoints Endpoints => new(Entra.BaseUrl, EntraEmulator.DefaultTenantId, Exchange.GraphUrl, Exchange.EwsUrl, Salesforce.LoginUrl);

    /// <summary>Adds <paramref name="latency"/> to every call on every emulator (Entra, Salesforce, EWS, Graph).</summary>
    public void SetLatency(TimeSpan latency)
    {
        Entra.Admin.Latency = latency;
        Salesforce.Admin.Latency = latency;
        Exchange.Ews.Admin.Latency = latency;
        Exchange.Graph.Admin.Latency = latency;
    }

    /// <summary>
    /// Lets a sync service reach <paramref name="mailboxes"/>: an EWS service account with
    /// impersonation on them, an app whose access policy covers them with its Entra app roles for
    /// Graph and for EWS app-only (<c>full_access_as_app</c>), and a Salesforce connected app for client
    /// credentials that runs as an integration user. Each mailbox also gets a CRM user with its
    /// address; returns their ids by mailbox.
    /// </summary>
    public IReadOnlyDictionary<string, string> GrantSyncAccess(IReadOnlyList<string> mailboxes, SyncAccess access)
    {
        Exchange.Seed(new SeedDocument
        {
            Mailboxes = mailboxes.Select(m => new SeedMailbox { Smtp = m, DisplayName = m.Split('@')[0] }).ToList(),
            ServiceAccounts = [new SeedServiceAccount { Username = access.EwsUsername, Password = access.EwsPassword, Impersonate = [.. mailboxes] }],
            Apps = [new SeedApp { ClientId = access.GraphClientId, Mailboxes = [.. mailboxes] }],
        });
        Entra.TokenEndpoint.Register(new AppRegistration
        {
            ClientId = access.GraphClientId,
            Secrets = [access.GraphClientSecret],
            Roles = new(StringComparer.OrdinalIgnoreCase)
            {
                ["https://graph.microsoft.com"] = ["Calendars.ReadWrite", "Contacts.ReadWrite"],
                ["https://outlook.office365.com"] = ["full_access_as_app"],
            },
        });
        var users = mailboxes.ToDictionary(m => m, m => Salesforce.AddUser(m, email: m, lastName: m.Split('@')[0]), StringComparer.OrdinalIgnoreCase);
        if (!users.ContainsKey(access.SalesforceRunAs))
        {
            Salesforce.AddUser(access.SalesforceRunAs, email: access.SalesforceRunAs, lastName: "Integration");
        }

        Salesforce.RegisterApp(new ConnectedApp { ClientId = access.SalesforceClientId, ClientSecret = access.SalesforceClientSecret, RunAsUsername = access.SalesforceRunAs });
        return users;
    }

    public async ValueTask DisposeAsync()
    {
        await Exchange.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Entra.DisposeAsync();
        if (ownsCertificates)
        {
            Certificates.Dispose();
        }
    }
}

/// <summary>The credentials <see cref="EmulatorStack.GrantSyncAccess"/> registers (demo secrets: the emulators exist only on this machine).</summary>
public sealed record SyncAccess(
    string GraphClientId = "5a1c3e9d-0000-4000-8000-0000000000a1",
    string GraphClientSecret = "graph-secret",
    string EwsUsername = "svc-sync@contoso.com",
    string EwsPassword = "Svc-Pa55!",
    string SalesforceClientId = "3MVG9-outlookcrm-sync",
    string SalesforceClientSecret = "sf-secret",
    string SalesforceRunAs = "integration@contoso.com");

/// <summary>
/// Where the stack listens, as a sync service is told in its connection settings: the Entra authority
/// and tenant for client-credentials tokens, Graph's and EWS's URLs, Salesforce's login URL.
/// </summary>
public sealed record SyncEndpoints(string EntraAuthority, string TenantId, string GraphUrl, string EwsUrl, string SalesforceLoginUrl);
