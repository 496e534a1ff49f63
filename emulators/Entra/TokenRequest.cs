using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Entra;

/// <summary>
/// Body of <c>POST /__admin/tokens</c>: a user or admin token for the add-in and admin tests, and
/// the bad variants (expired, not yet valid, other audience/issuer/tenant, unknown key).
/// </summary>
public sealed class TokenRequest
{
    public string? Tenant { get; set; }
    public string Audience { get; set; } = "api://outlookcrm";
    public string User { get; set; } = "alice@contoso.com";
    public string? ObjectId { get; set; }
    public string[] Roles { get; set; } = [];
    public int LifetimeSeconds { get; set; } = 3600;

    /// <summary>Seconds added to "now" for iat/nbf/exp: negative for an expired token, positive for a not-yet-valid one.</summary>
    public int ShiftSeconds { get; set; }
    public string? Issuer { get; set; }
    public bool UnknownKey { get; set; }
    public JsonObject? ExtraClaims { get; set; }
}
