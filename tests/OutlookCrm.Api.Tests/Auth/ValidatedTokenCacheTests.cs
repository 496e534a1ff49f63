using System.Security.Claims;
using OutlookCrm.Api.Auth;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Auth;

public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualClock clock = new(Start);
    private readonly object keySet = new();

    [Fact]
    public void A_token_is_found_until_its_validity_ends_and_not_after()
    {
        using var cache = new ValidatedTokenCache(clock);
        cache.Add("token-a", keySet, Start.AddMinutes(10), Identity("ann@contoso.com"));

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        var found = cache.Find("token-a");
        Assert.NotNull(found);
        Assert.Same(keySet, found.KeySet);
        Assert.Equal("ann@contoso.com", found.NewPrincipal().Identity?.Name);

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void Only_the_exact_token_is_found()
    {
        using var cache = new ValidatedTokenCache(clock);
        cache.Add("token-a", keySet, Start.AddMinutes(10), Identity("ann@contoso.com"));

        Assert.Null(cache.Find("token-b"));
        Assert.Null(cache.Find("token-a "));
    }

    [Fact]
    public void A_token_already_past_its_validity_is_not_kept()
    {
        using var cache = new ValidatedTokenCache(clock);
        cache.Add("token-a", keySet, Start, Identity("ann@contoso.com"));

        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void Every_request_gets_a_principal_of_its_own()
    {
        using var cache = new ValidatedTokenCache(clock);
        cache.Add("token-a", keySet, Start.AddMinutes(10), Identity("ann@contoso.com", roles: "OutlookCrm.Admin"));

        var first = cache.Find("token-a")!.NewPrincipal();
        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim("added", "by a transformation"));
        var second = cache.Find("token-a")!.NewPrincipal();

        Assert.Null(second.FindFirst("added"));
        Assert.True(second.IsInRole("OutlookCrm.Admin"));
        Assert.NotSame(first.Identity, second.Identity);
    }

    private static ClaimsIdentity Identity(string user, string? roles = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user), new("preferred_username", user) };
        if (roles is not null)
        {
            claims.Add(new Claim("roles", roles));
        }

        return new ClaimsIdentity(claims, "Bearer", ClaimTypes.Name, "roles");
    }
}
