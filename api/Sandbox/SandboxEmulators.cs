using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange;
using OutlookCrm.Emulators.Salesforce;

namespace OutlookCrm.Api.Sandbox;

/// <summary>
/// The Entra, Salesforce and Exchange emulators of one sandbox run, over HTTPS on free ports, with
/// their CA written to <c>{data}/sandbox-ca.pem</c>. In memory: every start seeds them afresh.
/// Disposed with the host.
/// </summary>
public sealed class SandboxEmulators : IAsyncDisposable
{
    private readonly EmulatorCertificates certificates;

    private SandboxEmulators(EmulatorCertificates certificates, string caFile, EntraEmulator entra, SalesforceEmulator salesforce, ExchangeEmulator exchange)
    {
        this.certificates = certificates;
        CaFile = caFile;
        Entra = entra;
        Salesforce = salesforce;
        Exchange = exchange;
    }

    public string CaFile { get; }
    public EntraEmulator Entra { get; }
    public SalesforceEmulator Salesforce { get; }
    public ExchangeEmulator Exchange { get; }

    public static async Task<SandboxEmulators> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var certificates = EmulatorCertificates.Create();
        var caFile = Path.GetFullPath(Path.Combine(dataDirectory, "sandbox-ca.pem"));
        certificates.WriteAuthorityPem(caFile);
        var entra = new EntraEmulator(certificates);
        await entra.StartAsync(cancellationToken: cancellationToken);
        var salesforce = new SalesforceEmulator(certificates);
        await salesforce.StartAsync(cancellationToken: cancellationToken);
        var exchange = new ExchangeEmulator(certificates, entra.Keys);
        await exchange.StartAsync(cancellationToken);
        return new SandboxEmulators(certificates, caFile, entra, salesforce, exchange);
    }

    public async ValueTask DisposeAsync()
    {
        await Exchange.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Entra.DisposeAsync();
        certificates.Dispose();
    }
}
