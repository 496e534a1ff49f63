using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Entra;

/// <summary>
/// <c>POST /{tenant}/oauth2/v2.0/token</c> for the client-credentials grant: a client secret or an
/// RS256 client assertion signed with a registered certificate; <c>scope</c> = resource + <c>/.default</c>.
/// Access tokens are app-only v1.0 tokens as Entra issues for Graph and Exchange Online
/// (<c>aud</c> = resource, <c>roles</c>, <c>appid</c>, <c>tid</c>, <c>idtyp=app</c>).
/// </summary>
public sealed class EntraTokenEndpoint(EntraEmulator emulator)
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public const int LifetimeSeconds = 3599;
    private const string Graph = "https://graph.microsoft.com";
    private const string ExchangeOnline = "https://outlook.office365.com";

    private static readonly Dictionary<string, string> WellKnownResources = new(StringComparer.OrdinalIgnoreCase)
    {
        [Graph] = Graph,
        ["00000003-0000-0000-c000-000000000000"] = Graph,
        [ExchangeOnline] = ExchangeOnline,
        ["00000002-0000-0ff1-ce00-000000000000"] = ExchangeOnline,
    };

    private readonly ConcurrentDictionary<string, AppRegistration> apps = new(StringComparer.OrdinalIgnoreCase);

    public void Register(AppRegistration app) => apps[app.ClientId] = app;

    public IReadOnlyCollection<AppRegistration> Apps => apps.Values.ToList();

    public void Clear() => apps.Clear();

    public JsonObject Token(string tenant, IReadOnlyDictionary<string, string> form)
    {
        var grant = form.GetValueOrDefault("grant_type");
        if (grant is null)
        {
            throw new EntraTokenError("invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
        }

        if (grant != "client_credentials")
        {
            throw new EntraTokenError("unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grant}'.");
        }

        var tenantId = ResolveTenant(tenant);
        var scope = form.GetValueOrDefault("scope");
        if (string.IsNullOrWhiteSpace(scope))
        {
            throw new EntraTokenError("invalid_request", 900144, "The request body must contain the following parameter: 'scope'.");
        }

        var (app, credentialKind) = Authenticate(tenant, tenantId, form);
        var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length != 1 || !scopes[0].EndsWith("/.default", StringComparison.Ordinal))
        {
            throw new EntraTokenError("invalid_scope", 1002012,
                $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        var requested = scopes[0][..^"/.default".Length];
        var resource = WellKnownResources.GetValueOrDefault(requested)
            ?? apps.Values.SelectMany(a => a.Roles.Keys).FirstOrDefault(r => string.Equals(r, requested, StringComparison.OrdinalIgnoreCase))
            ?? throw new EntraTokenError("invalid_resource", 500011,
                $"The resource principal named {requested} was not found in the tenant named {tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.");

        var roles = app.Roles.FirstOrDefault(r => string.Equals(r.Key, resource, StringComparison.OrdinalIgnoreCase)).Value ?? [];
        return new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = LifetimeSeconds,
            ["ext_expires_in"] = LifetimeSeconds,
            ["access_token"] = AccessToken(app, tenantId, resource, roles, credentialKind),
        };
    }

    private string ResolveTenant(string tenant)
    {
        if (string.Equals(tenant, EntraEmulator.DefaultTenantId, StringComparison.OrdinalIgnoreCase)
            || apps.Values.Any(a => string.Equals(a.Tenant, tenant, StringComparison.OrdinalIgnoreCase)))
        {
            return tenant.ToLowerInvariant();
        }

        if (tenant is "common" or "organizations" or "consumers")
        {
            throw new EntraTokenError("invalid_request", 90002,
                $"Tenant '{tenant}' not found. Use a tenant-specific endpoint for the client credentials flow.");
        }

        throw new EntraTokenError("invalid_request", 90002,
            $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
    }

    private (AppRegistration App, string Kind) Authenticate(string tenantPath, string tenantId, IReadOnlyDictionary<string, string> form)
    {
        var assertionText = form.GetValueOrDefault("client_assertion");
        var clientId = form.GetValueOrDefault("client_id");
        if (assertionText is null)
        {
            var app = FindApp(clientId, tenantId);
            var secret = form.GetValueOrDefault("client_secret");
            if (secret is null)
            {
                throw new EntraTokenError("invalid_client", 7000216,
                    "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
            }

            if (!app.Secrets.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s), Encoding.UTF8.GetBytes(secret))))
            {
                throw new EntraTokenError("invalid_client", 7000215,
                    $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{app.ClientId}'.");
            }

            return (app, "1");
        }

        if (form.GetValueOrDefault("client_assertion_type") != AssertionType)
        {
            throw new EntraTokenError("invalid_request", 50027, $"Invalid client_assertion_type. Expected '{AssertionType}'.");
        }

        var jws = JwsReader.TryRead(assertionText) ?? throw new EntraTokenError("invalid_client", 50027, "JWT token is invalid or malformed.");
        var subject = jws.Claim("sub");
        if (clientId is not null && !string.Equals(clientId, subject, StringComparison.OrdinalIgnoreCase))
        {
            throw new EntraTokenError("invalid_client", 700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
        }

        var assertedApp = FindApp(subject, tenantId);
        if (!string.Equals(jws.Claim("iss"), subject, StringComparison.OrdinalIgnoreCase))
        {
            throw new EntraTokenError("invalid_client", 50027, "JWT token is invalid or malformed: iss must equal sub.");
        }

        var audience = jws.Claim("aud")?.TrimEnd('/');
        var accepted = new[] { tenantPath, tenantId }.SelectMany(t => new[]
        {
            $"{emulator.BaseUrl}/{t}/oauth2/v2.0/token", $"https://login.microsoftonline.com/{t}/oauth2/v2.0/token", $"{emulator.BaseUrl}/{t}/v2.0",
        });
        if (audience is null || !accepted.Contains(audience, StringComparer.OrdinalIgnoreCase))
        {
            throw new EntraTokenError("invalid_client", 50027, $"JWT token is invalid or malformed: invalid audience '{audience}'.");
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (jws.NumericClaim("exp") is not { } exp || exp <= now || (jws.NumericClaim("nbf") is { } nbf && nbf > now + 300))
        {
            throw new EntraTokenError("invalid_client", 700024, "Client assertion is not within its valid time range.");
        }

        if (!assertedApp.CertificatePems.Any(pem => Verifies(jws, pem)))
        {
            var thumbprint = (string?)jws.Header["x5t#S256"] ?? (string?)jws.Header["x5t"] ?? "";
            throw new EntraTokenError("invalid_client", 700027,
                $"Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '{thumbprint}']");
        }

        return (assertedApp, "2");
    }

    private static bool Verifies(JwsReader jws, string pem)
    {
        using var key = JwsReader.PublicKeyFromPem(pem);
        return key is not null && jws.VerifiedBy(key, allowPss: true);
    }

    private AppRegistration FindApp(string? clientId, string tenantId)
    {
        if (clientId is null)
        {
            throw new EntraTokenError("invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
        }

        if (apps.TryGetValue(clientId, out var app)
            && string.Equals(app.Tenant ?? EntraEmulator.DefaultTenantId, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            return app;
        }

        throw new EntraTokenError("unauthorized_client", 700016,
            $"Application with identifier '{clientId}' was not found in the directory '{tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");
    }

    private string AccessToken(AppRegistration app, string tenantId, string resource, string[] roles, string credentialKind)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var issuer = $"https://sts.windows.net/{tenantId}/";
        var servicePrincipal = new Guid(MD5.HashData(Encoding.UTF8.GetBytes(tenantId + "/" + app.ClientId))).ToString();
        var payload = new JsonObject
        {
            ["aud"] = resource,
            ["iss"] = issuer,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + LifetimeSeconds,
            ["app_displayname"] = app.DisplayName ?? app.ClientId,
            ["appid"] = app.ClientId,
            ["appidacr"] = credentialKind,
            ["idp"] = issuer,
            ["idtyp"] = "app",
            ["oid"] = servicePrincipal,
            ["sub"] = servicePrincipal,
            ["tid"] = tenantId,
            ["uti"] = Base64Url.Encode(RandomNumberGenerator.GetBytes(16)),
            ["ver"] = "1.0",
        };
        if (roles.Length > 0)
        {
            payload["roles"] = new JsonArray(roles.Select(r => (JsonNode?)r).ToArray());
        }

        var key = emulator.Keys.Current;
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = key.KeyId };
        return EntraJwtWriter.Sign(header, payload, key.Rsa);
    }

    /// <summary>SHA-1 and SHA-256 thumbprints of a certificate PEM as base64url, the forms MSAL puts in <c>x5t</c> / <c>x5t#S256</c>.</summary>
    public static (string X5t, string X5tS256) Thumbprints(string certificatePem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        return (Base64Url.Encode(certificate.GetCertHash(HashAlgorithmName.SHA1)), Base64Url.Encode(certificate.GetCertHash(HashAlgorithmName.SHA256)));
    }
}
