namespace OutlookCrm.Emulators.Entra;

/// <summary>
/// An app registration with admin-consented application permissions: client secrets and
/// certificates (PEM), and the app roles granted per resource, e.g.
/// <c>{"https://graph.microsoft.com": ["Calendars.ReadWrite", "Contacts.ReadWrite"]}</c>.
/// </summary>
public sealed class AppRegistration
{
    public required string ClientId { get; set; }
    public string? Tenant { get; set; }
    public string? DisplayName { get; set; }
    public List<string> Secrets { get; set; } = [];
    public List<string> CertificatePems { get; set; } = [];
    public Dictionary<string, string[]> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
