using System.Net;
using System.Net.Sockets;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Salesforce;

namespace OutlookCrm.Api.Sandbox;

/// <summary>
/// The Entra, Salesforce and Exchange emulators of one sandbox run, over HTTPS on free ports, with
/// their CA written to <c>{data}/sandbox-ca.pem</c>. Made before the host is built but started by
/// <see cref="SandboxStartup"/>: a web host built before the API's own would be taken for the API by
/// <c>WebApplicationFactory</c>. So the Entra port, which <c>Auth__Authority</c> names, is chosen up front.
/// In memory: every start seeds them afresh. Disposed with the host.
/// </summary>
public sealed class SandboxEmulators : IAsyncDisposable
{
    private readonly EmulatorCertificates certificates;
    private readonly int entraPort;

    private SandboxEmulators(EmulatorCertificates certificates, string caFile, int entraPort)
    {
        this.certificates = certificates;
        this.entraPort = entraPort;
        CaFile = caFile;
        Entra = new EntraEmulator(certificates);
        Salesforce = new SalesforceEmulator(certificates);
        Exchange = new ExchangeEmulator(certificates, Entra.Keys);
    }

    public string CaFile { get; }
    public EntraEmulator Entra { get; }
    public SalesforceEmulator Salesforce { get; }
    public ExchangeEmulator Exchange { get; }

    /// <summary>The issuer of sandbox tokens, known before the Entra emulator listens.</summary>
    public string Authority => $"https://127.0.0.1:{entraPort}/{EntraEmulator.DefaultTenantId}/v2.0";

    public static SandboxEmulators Create(string dataDirectory)
    {
        var certificates = EmulatorCertificates.Create();
        var caFile = Path.GetFullPath(Path.Combine(dataDirectory, "sandbox-ca.pem"));
        certificates.WriteAuthorityPem(caFile);
        return new SandboxEmulators(certificates, caFile, FreePort());
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Entra.StartAsync(entraPort, cancellationToken);
        await Salesforce.StartAsync(cancellationToken: cancellationToken);
        await Exchange.StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Exchange.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Entra.DisposeAsync();
        certificates.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
