namespace OutlookCrm.Emulators.Salesforce.Auth;

/// <summary>
/// A connected app: consumer key and secret, the certificate its JWT assertions are signed with,
/// callback URLs for the web-server flow, and the run-as user for client credentials.
/// </summary>
public sealed class ConnectedApp
{
    public required string ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>PEM of the certificate (or public key) uploaded for the JWT bearer flow.</summary>
    public string? CertificatePem { get; set; }
    public string[] RedirectUris { get; set; } = [];

    /// <summary>Username the client-credentials flow runs as; the flow is refused without one.</summary>
    public string? RunAsUsername { get; set; }
}

/// <summary>A user's password and security token for the username-password flow.</summary>
public sealed class UserLogin
{
    public required string Username { get; set; }
    public required string Password { get; set; }
    public string SecurityToken { get; set; } = "";
}

public sealed record Session(string AccessToken, string UserId, string Username, string ClientId, DateTime IssuedAt, DateTime ExpiresAt);
