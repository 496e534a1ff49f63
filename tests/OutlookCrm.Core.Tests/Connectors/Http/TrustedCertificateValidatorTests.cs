using System.Net.Security;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Connectors.Http;

public sealed class TrustedCertificateValidatorTests : IAsyncLifetime
{
    private readonly EmulatorCertificates certificates = EmulatorCertificates.Create();
    private EntraEmulator server = null!;

    public async Task InitializeAsync()
    {
        server = new EntraEmulator(certificates);
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        certificates.Dispose();
    }

    [Fact]
    public async Task The_ca_file_makes_the_private_chain_trusted()
    {
        var caFile = EmulatorHttp.WriteCaFile(certificates);
        using var client = new HttpClient(OutboundHttpServiceCollectionExtensions.CreatePrimaryHandler(TrustedCertificateValidator.FromPemFile(caFile)));

        using var response = await client.GetAsync(server.AuthorityFor() + "/.well-known/openid-configuration");

        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Without_the_ca_the_call_fails_on_the_certificate()
    {
        using var client = new HttpClient(OutboundHttpServiceCollectionExtensions.CreatePrimaryHandler(TrustedCertificateValidator.FromPemFile(null)));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.AuthorityFor() + "/.well-known/openid-configuration"));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Another_ca_does_not_make_the_chain_trusted()
    {
        using var other = EmulatorCertificates.Create();
        var otherFile = EmulatorHttp.WriteCaFile(other);
        using var client = new HttpClient(OutboundHttpServiceCollectionExtensions.CreatePrimaryHandler(TrustedCertificateValidator.FromPemFile(otherFile)));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.AuthorityFor() + "/.well-known/openid-configuration"));
    }

    [Theory]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch)]
    [InlineData(SslPolicyErrors.RemoteCertificateNotAvailable)]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors)]
    public void Name_mismatch_or_missing_certificate_is_never_accepted(SslPolicyErrors errors)
    {
        var validator = new TrustedCertificateValidator([certificates.Authority]);

        Assert.False(validator.Validate(certificates.Server, null, errors));
    }
}
