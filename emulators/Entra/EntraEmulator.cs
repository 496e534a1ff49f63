using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OutlookCrm.Emulators.Common;

namespace OutlookCrm.Emulators.Entra;

/// <summary>
/// Microsoft Entra ID's v2.0 endpoints as an OIDC issuer: discovery document and JWKS per tenant
/// (with the <c>{tenantid}</c> issuer template for <c>common</c>/<c>organizations</c>), and an
/// admin call that mints user and admin tokens for tests and the sandbox.
/// </summary>
public sealed class EntraEmulator(EmulatorCertificates certificates) : EmulatorServer(certificates)
{
    public const string DefaultTenantId = "9188040d-6c67-4c5b-b112-36a304b66dad";
    private static readonly string[] MultiTenant = ["common", "organizations"];

    public EntraSigningKeys Keys { get; } = new();

    /// <summary>The token endpoint and its registered apps (C# API; <c>/__admin/apps</c> over HTTP).</summary>
    public EntraTokenEndpoint TokenEndpoint => tokenEndpoint ??= new EntraTokenEndpoint(this);

    private EntraTokenEndpoint? tokenEndpoint;

    public void RegisterApp(AppRegistration app) => TokenEndpoint.Register(app);

    /// <summary>The token endpoint URL for a tenant, the <c>aud</c> of client assertions.</summary>
    public string TokenEndpointFor(string tenant = DefaultTenantId) => $"{BaseUrl}/{tenant}/oauth2/v2.0/token";

    /// <summary>The value for <c>Auth__Authority</c> for a tenant (or <c>common</c>).</summary>
    public string AuthorityFor(string tenant = DefaultTenantId) => $"{BaseUrl}/{tenant}/v2.0";

    public string IssuerFor(string tenant) => $"{BaseUrl}/{tenant}/v2.0";

    public string MintToken(TokenRequest request)
    {
        var tenant = request.Tenant ?? DefaultTenantId;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + request.ShiftSeconds;
        var payload = new JsonObject
        {
            ["aud"] = request.Audience,
            ["iss"] = request.Issuer ?? IssuerFor(tenant),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + request.LifetimeSeconds,
            ["tid"] = tenant,
            ["oid"] = request.ObjectId ?? DeterministicGuid(request.User),
            ["preferred_username"] = request.User,
            ["name"] = request.User.Split('@')[0],
            ["ver"] = "2.0",
        };
        if (request.Roles.Length > 0)
        {
            payload["roles"] = new JsonArray(request.Roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }

        foreach (var (name, value) in request.ExtraClaims ?? [])
        {
            payload[name] = value?.DeepClone();
        }

        var key = request.UnknownKey ? SigningKey.Create() : Keys.Current;
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = key.KeyId };
        return EntraJwtWriter.Sign(header, payload, key.Rsa);
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(Discovery(tenant)));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Json(Jwks()));
        app.MapPost("/__admin/tokens", (TokenRequest request) => Results.Json(new JsonObject
        {
            ["access_token"] = MintToken(request),
            ["token_type"] = "Bearer",
        }));
        app.MapPost("/{tenant}/oauth2/v2.0/token", TokenAsync);
        app.MapGet("/{tenant}/discovery/instance", InstanceDiscovery);
        app.MapPost("/__admin/apps", (AppRegistration[] apps) =>
        {
            foreach (var registration in apps)
            {
                RegisterApp(registration);
            }

            return Results.Json(new JsonObject { ["registered"] = apps.Length });
        });
        app.MapGet("/__admin/apps", () => Results.Json(TokenEndpoint.Apps.Select(a => new { a.ClientId, a.Tenant, a.DisplayName, a.Roles })));
        app.MapDelete("/__admin/apps", () =>
        {
            TokenEndpoint.Clear();
            return Results.NoContent();
        });
        app.MapPost("/__admin/keys/rotate", () => Results.Json(new JsonObject { ["kid"] = Keys.Rotate().KeyId }));
    }

    protected override void ResetState()
    {
        Keys.Reset();
        TokenEndpoint.Clear();
    }

    private async Task TokenAsync(HttpContext context, string tenant)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted))
            {
                form[key] = value.ToString();
            }
        }

        try
        {
            await context.Response.WriteAsJsonAsync(TokenEndpoint.Token(tenant, form), context.RequestAborted);
        }
        catch (EntraTokenError e)
        {
            context.Response.StatusCode = e.Status;
            await context.Response.WriteAsJsonAsync(e.ToJson(), context.RequestAborted);
        }
    }

    /// <summary>MSAL's instance discovery (when not disabled): this host is its own only alias.</summary>
    private IResult InstanceDiscovery(HttpContext context)
    {
        var host = BaseUri.Authority;
        return Results.Json(new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"{BaseUrl}/{DefaultTenantId}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = host,
                ["preferred_cache"] = host,
                ["aliases"] = new JsonArray(host),
            }),
        });
    }

    protected override ValueTask<RequestClass> ClassifyAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var operation = path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) ? "entra.token"
            : path.EndsWith("/openid-configuration", StringComparison.Ordinal) ? "entra.metadata"
            : path.EndsWith("/keys", StringComparison.Ordinal) ? "entra.jwks"
            : "entra.other";
        var tenant = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return ValueTask.FromResult(new RequestClass(operation, tenant));
    }

    /// <summary>Entra's OAuth error shape: <c>error</c>, <c>error_description</c> starting with the AADSTS code, <c>error_codes</c>.</summary>
    protected override Task WriteFaultAsync(HttpContext context, Common.Admin.FaultRule rule) =>
        context.Response.WriteAsJsonAsync(EntraTokenError.Body(rule.Code ?? "temporarily_unavailable", 90000, rule.Message ?? "Injected fault."));

    private JsonObject Discovery(string tenant)
    {
        var issuerTenant = MultiTenant.Contains(tenant, StringComparer.OrdinalIgnoreCase) ? "{tenantid}" : tenant;
        return new JsonObject
        {
            ["issuer"] = IssuerFor(issuerTenant),
            ["authorization_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{BaseUrl}/{tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{BaseUrl}/{tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["tenant_region_scope"] = "EU",
        };
    }

    private JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(Keys.Published.Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(false);
            return (JsonNode?)new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["n"] = Base64Url.Encode(parameters.Modulus),
                ["e"] = Base64Url.Encode(parameters.Exponent),
            };
        }).ToArray()),
    };

    private static string DeterministicGuid(string text) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text))).ToString();
}
