using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;

namespace OutlookCrm.Core.Tests.Connectors.Entra;

/// <summary>
/// The real outbound stack (trusted-CA validation, resilience, call counting) under MSAL, against
/// the Entra emulator's HTTPS listener: without its CA in <c>Http__TrustedCaFile</c> the token
/// request must fail on the certificate, and the connection test must say so.
/// </summary>
public sealed class EntraTlsTests : IAsyncLifetime
{
    private readonly EmulatorCertificates certificates = EmulatorCertificates.Create();
    private readonly string caFile = Path.Combine(Path.GetTempPath(), $"outlookcrm-graph-ca-{Guid.NewGuid():N}.pem");
    private EntraEmulator entra = null!;

    public async Task InitializeAsync()
    {
        entra = new EntraEmulator(certificates);
        await entra.StartAsync();
        certificates.WriteAuthorityPem(caFile);
    }

    public async Task DisposeAsync()
    {
        await entra.DisposeAsync();
        certificates.Dispose();
        File.Delete(caFile);
    }

    [Fact]
    public async Task An_untrusted_authority_certificate_fails_authenticate_with_a_tls_hint_and_a_counted_call()
    {
        using var services = Outbound(trustedCaFile: null);

        var result = await Connector(services).TestAsync("alice@contoso.com", default);

        var step = result.Steps[0];
        Assert.Equal(("authenticate", false, "TlsCertificateRejected"), (step.Name, step.Ok, step.Code));
        Assert.Contains("Http__TrustedCaFile", step.Hint, StringComparison.Ordinal);
        Assert.All(result.Steps.Skip(1), s => Assert.False(s.Ok));
        Assert.True(services.GetRequiredService<RemoteCallCounter>().ByOperation().GetValueOrDefault("entra.token") >= 1);
    }

    [Fact]
    public async Task Trusting_the_emulator_ca_gets_past_tls()
    {
        using var services = Outbound(caFile);

        var result = await Connector(services).TestAsync("alice@contoso.com", default);

        Assert.NotEqual("TlsCertificateRejected", result.Steps[0].Code);
        Assert.True(services.GetRequiredService<RemoteCallCounter>().ByOperation().GetValueOrDefault("entra.token") >= 1);
    }

    private GraphMailboxConnector Connector(ServiceProvider services) => GraphMailboxConnector.Create(
        new GraphConnectionSettings
        {
            GraphUrl = "https://127.0.0.1:1/v1.0", // never reached: authentication comes first
            Auth = new GraphAuthSettings { Authority = entra.BaseUrl, TenantId = EntraEmulator.DefaultTenantId, ClientId = "app-1", ClientSecret = "secret" },
        },
        services.GetRequiredService<IHttpClientFactory>());

    private static ServiceProvider Outbound(string? trustedCaFile)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Http:TrustedCaFile"] = trustedCaFile, ["Http:Resilience:MaxRetryAttempts"] = "1" })
            .Build();
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);
        services.AddOutboundHttp(configuration);
        return services.BuildServiceProvider();
    }
}
