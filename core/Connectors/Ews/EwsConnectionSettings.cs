using System.Text.Json.Serialization;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>The <c>type: "ews"</c> Exchange connection of CONTRACT.md §3.</summary>
public sealed record EwsConnectionSettings(Uri EwsUrl, EwsAuthSettings Auth);

/// <summary>How the service account proves itself: Basic (on-premises) or an app-only OAuth token.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(EwsBasicAuth), "basic")]
[JsonDerivedType(typeof(EwsClientCredentialsAuth), "clientCredentials")]
public abstract record EwsAuthSettings;

/// <summary>An on-premises service account holding the ApplicationImpersonation role.</summary>
public sealed record EwsBasicAuth(string Username, string Password) : EwsAuthSettings
{
    // Records print every property; a password must never reach a log line.
    public override string ToString() => $"EwsBasicAuth {{ Username = {Username}, Password = *** }}";
}

/// <summary>An Entra app; the token itself comes from <see cref="IEwsTokenSource"/>.</summary>
public sealed record EwsClientCredentialsAuth(Uri Authority, string TenantId, string ClientId, string ClientSecret) : EwsAuthSettings
{
    public override string ToString() => $"EwsClientCredentialsAuth {{ Authority = {Authority}, TenantId = {TenantId}, ClientId = {ClientId}, ClientSecret = *** }}";
}
