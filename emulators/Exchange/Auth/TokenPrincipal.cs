namespace OutlookCrm.Emulators.Exchange.Auth;

/// <summary>Who called: an app (client credentials token) or a Basic-auth service account.</summary>
public sealed record TokenPrincipal(string? AppId, string? Username, IReadOnlySet<string> Roles)
{
    public bool HasRole(string role) => Roles.Contains(role);
}
