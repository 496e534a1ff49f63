using System.Text.Json.Serialization;

namespace OutlookCrm.Core.Connectors.Salesforce;

/// <summary>The CRM connection as an admin stores it (CONTRACT.md §3, <c>PUT /api/admin/connections/crm</c>).</summary>
public sealed record SalesforceConnectionSettings
{
    public string LoginUrl { get; init; } = "https://login.salesforce.com";
    public string ApiVersion { get; init; } = "62.0";
    public required SalesforceAuth Auth { get; init; }

    /// <summary>Custom Contact fields the sync configuration maps (read and written as-is).</summary>
    public IReadOnlyList<string> CustomContactFields { get; init; } = [];

    /// <summary>Custom Event fields the sync configuration maps.</summary>
    public IReadOnlyList<string> CustomEventFields { get; init; } = [];
}

/// <summary>
/// How the connector gets an access token. JWT bearer and client credentials are Salesforce's
/// recommended server-to-server flows; the username-password flow is blocked in new orgs and kept
/// for older ones. A stored <see cref="RefreshToken"/> (from a web-server flow) is used first when set.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SalesforcePasswordAuth), "password")]
[JsonDerivedType(typeof(SalesforceJwtBearerAuth), "jwtBearer")]
[JsonDerivedType(typeof(SalesforceClientCredentialsAuth), "clientCredentials")]
public abstract record SalesforceAuth
{
    public required string ClientId { get; init; }
    public string? RefreshToken { get; init; }

    /// <summary>The secret sent with a refresh_token grant; null for apps without one (JWT).</summary>
    internal abstract string? SecretForRefresh { get; }
}

public sealed record SalesforcePasswordAuth : SalesforceAuth
{
    public required string ClientSecret { get; init; }
    public required string Username { get; init; }
    public required string Password { get; init; }
    public string SecurityToken { get; init; } = "";

    internal override string? SecretForRefresh => ClientSecret;
}

public sealed record SalesforceJwtBearerAuth : SalesforceAuth
{
    public required string Username { get; init; }
    public required string PrivateKeyPem { get; init; }

    internal override string? SecretForRefresh => null;
}

public sealed record SalesforceClientCredentialsAuth : SalesforceAuth
{
    public required string ClientSecret { get; init; }

    internal override string? SecretForRefresh => ClientSecret;
}
