using System.Net;
using OutlookCrm.Api.Tests.Support;

namespace OutlookCrm.Api.Tests.Auth;

public sealed class KeyRolloverTests
{
    [Fact]
    public async Task A_rotated_signing_key_is_picked_up_from_the_jwks()
    {
        await using var host = await ApiHost.StartAsync();
        using (var before = await host.Client(host.Token()).GetAsync("/api/addin/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the first JWKS is now cached
        }

        host.Entra.Keys.Rotate();
        using var after = await host.Client(host.Token()).GetAsync("/api/addin/me");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
