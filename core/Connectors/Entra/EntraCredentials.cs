namespace OutlookCrm.Core.Connectors.Entra;

/// <summary>
/// An app registration's client credentials for app-only tokens: a secret, or a certificate with
/// its private key (both PEM). Shared by the Graph and EWS connectors; only the scope differs
/// (<see cref="GraphScope"/>, <see cref="ExchangeOnlineScope"/>).
/// </summary>
public sealed record EntraCredentials
{
    public const string DefaultAuthority = "https://login.microsoftonline.com";
    public const string GraphScope = "https://graph.microsoft.com/.default";
    public const string ExchangeOnlineScope = "https://outlook.office365.com/.default";

    public string Authority { get; init; } = DefaultAuthority;
    public required string TenantId { get; init; }
    public required string ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? CertificatePem { get; init; }
    public string? PrivateKeyPem { get; init; }

    /// <summary><c>{authority}/{tenantId}</c>; MSAL refuses anything but HTTPS, so we say so first.</summary>
    public Uri TenantAuthority
    {
        get
        {
            if (!Uri.TryCreate(Authority.TrimEnd('/'), UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"The Entra authority must be an absolute HTTPS URL, not '{Authority}'.");
            }

            return new Uri($"{authority.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{Uri.EscapeDataString(TenantId)}/");
        }
    }

    public bool UsesCertificate => !string.IsNullOrEmpty(CertificatePem);

    /// <summary>Everything MSAL needs is present; the message names the first missing field.</summary>
    public void Validate()
    {
        _ = TenantAuthority;
        if (string.IsNullOrWhiteSpace(TenantId) || string.IsNullOrWhiteSpace(ClientId))
        {
            throw new ArgumentException("tenantId and clientId are required.");
        }

        if (UsesCertificate ? string.IsNullOrEmpty(PrivateKeyPem) : string.IsNullOrEmpty(ClientSecret))
        {
            throw new ArgumentException(UsesCertificate
                ? "A certificate credential needs privateKeyPem as well as certificatePem."
                : "clientSecret (or certificatePem + privateKeyPem) is required.");
        }
    }

    // Secrets never reach logs through ToString.
    public override string ToString() => $"EntraCredentials {{ Authority = {Authority}, TenantId = {TenantId}, ClientId = {ClientId}, Credential = {(UsesCertificate ? "certificate" : "secret")} }}";
}
