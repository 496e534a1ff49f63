namespace OutlookCrm.Api.Auth;

/// <summary>Bound from the <c>Auth</c> section (CONTRACT.md §2).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Authority { get; set; } = "";
    public string Audience { get; set; } = "";
    public string AdminRole { get; set; } = "OutlookCrm.Admin";

    /// <summary>Allowed clock skew on exp/nbf; the issue caps it at five minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Shortest time between two JWKS refreshes forced by unknown key ids, so a stranger can't make us hammer the issuer.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
