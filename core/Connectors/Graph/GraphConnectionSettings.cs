using System.Text.Json;
using System.Text.Json.Serialization;
using OutlookCrm.Core.Connectors.Entra;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// The <c>{"type":"graph", ...}</c> Exchange connection of CONTRACT.md §3. The auth block is a
/// client-credentials app registration with a secret or, instead, a PEM certificate and key.
/// </summary>
public sealed record GraphConnectionSettings
{
    public const string DefaultGraphUrl = "https://graph.microsoft.com/v1.0";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Type { get; init; } = "graph";
    public string GraphUrl { get; init; } = DefaultGraphUrl;
    public required GraphAuthSettings Auth { get; init; }

    public static GraphConnectionSettings Parse(string json) =>
        JsonSerializer.Deserialize<GraphConnectionSettings>(json, Json)
        ?? throw new ArgumentException("The Graph connection settings are empty.");

    /// <summary>The Graph root with a trailing slash, so relative paths resolve under <c>/v1.0/</c>.</summary>
    [JsonIgnore]
    public Uri BaseUri
    {
        get
        {
            if (!Uri.TryCreate(GraphUrl.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"graphUrl must be an absolute HTTPS URL, not '{GraphUrl}'.");
            }

            return uri;
        }
    }

    public EntraCredentials ToEntraCredentials() => Auth.ToEntraCredentials();
}

public sealed record GraphAuthSettings
{
    public string Type { get; init; } = "clientCredentials";
    public string Authority { get; init; } = EntraCredentials.DefaultAuthority;
    public required string TenantId { get; init; }
    public required string ClientId { get; init; }
    public string? ClientSecret { get; init; }

    /// <summary>The app's certificate (PEM), used instead of <see cref="ClientSecret"/> with <see cref="PrivateKeyPem"/>.</summary>
    public string? CertificatePem { get; init; }
    public string? PrivateKeyPem { get; init; }

    public EntraCredentials ToEntraCredentials()
    {
        if (!string.Equals(Type, "clientCredentials", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Graph supports auth.type 'clientCredentials' only, not '{Type}'.");
        }

        return new EntraCredentials
        {
            Authority = Authority,
            TenantId = TenantId,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            CertificatePem = CertificatePem,
            PrivateKeyPem = PrivateKeyPem,
        };
    }

    public override string ToString() => $"GraphAuthSettings {{ Type = {Type}, Authority = {Authority}, TenantId = {TenantId}, ClientId = {ClientId} }}";
}
