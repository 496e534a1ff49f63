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

    [Fact]
    public async Task A_token_accepted_before_its_key_was_retired_is_refused_once_the_jwks_is_read_again()
    {
        await using var host = await ApiHost.StartAsync();
        var signedWithOldKey = host.Token();
        using (var first = await host.Client(signedWithOldKey).GetAsync("/api/addin/me"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode); // validated once, and remembered
        }

        host.Entra.Keys.Reset(); // the old key leaves the JWKS; a new one signs
        using (var newKey = await host.Client(host.Token()).GetAsync("/api/addin/me"))
        {
            Assert.Equal(HttpStatusCode.OK, newKey.StatusCode); // its unknown kid made the API read the JWKS again
        }

        using var again = await host.Client(signedWithOldKey).GetAsync("/api/addin/me");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }
}
