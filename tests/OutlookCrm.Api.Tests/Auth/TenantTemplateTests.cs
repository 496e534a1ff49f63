using System.Net;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Emulators.Entra;

namespace OutlookCrm.Api.Tests.Auth;

/// <summary>A multi-tenant authority (<c>common</c>) publishes the issuer <c>.../{tenantid}/v2.0</c>; the token's <c>tid</c> fills it in.</summary>
public sealed class TenantTemplateTests
{
    private const string TenantA = "11111111-1111-4111-8111-111111111111";
    private const string TenantB = "22222222-2222-4222-8222-222222222222";

    [Fact]
    public async Task The_issuer_must_match_the_template_filled_with_the_tokens_own_tenant()
    {
        await using var host = await ApiHost.StartAsync(tenant: "common");

        using var own = await host.Client(host.Token(new TokenRequest { Tenant = TenantA })).GetAsync("/api/addin/me");
        using var mixed = await host.Client(host.Token(new TokenRequest
        {
            Tenant = TenantA,
            Issuer = host.Entra.IssuerFor(TenantB),
        })).GetAsync("/api/addin/me");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mixed.StatusCode);
    }
}
