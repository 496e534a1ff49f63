using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OutlookCrm.Api.Auth;

/// <summary>
/// Validates bearer tokens against the OIDC metadata of <c>Auth__Authority</c>: the JWKS is fetched
/// and cached by <see cref="ConfigurationManager{T}"/> and refreshed when a token names a key id it
/// doesn't know (key rollover). RS256 only; issuer exact or Entra's <c>{tenantid}</c> template.
/// A token that passed is remembered until it expires (<see cref="ValidatedTokenCache"/>).
/// </summary>
public sealed class TokenValidator
{
    private const string TenantTemplate = "{tenantid}";
    private readonly AuthOptions options;
    private readonly JsonWebTokenHandler handler = new();
    private readonly Func<ConfigurationManager<OpenIdConnectConfiguration>> createMetadata;
    private readonly TimeProvider clock;
    private readonly ValidatedTokenCache validated;
    private ConfigurationManager<OpenIdConnectConfiguration> metadata;
    private long lastForcedRefreshTicks;

    public TokenValidator(IOptions<AuthOptions> options, IHttpClientFactory httpClientFactory, TimeProvider clock, ValidatedTokenCache validated)
    {
        this.options = options.Value;
        this.clock = clock;
        this.validated = validated;
        var authority = new Uri(this.options.Authority.TrimEnd('/') + "/");
        var address = new Uri(authority, ".well-known/openid-configuration").ToString();
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(Core.Connectors.Http.OutboundHttpServiceCollectionExtensions.ClientName))
        {
            RequireHttps = !authority.IsLoopback,
        };
        createMetadata = () => new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever);
        metadata = createMetadata();
    }

    public async Task<TokenValidationOutcome> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > TokenPreflight.MaxTokenLength)
        {
            return TokenValidationOutcome.Fail(TokenPreflight.TooLarge);
        }

        if (validated.Find(token) is { } known && ReferenceEquals(known.KeySet, await metadata.GetConfigurationAsync(cancellationToken)))
        {
            return TokenValidationOutcome.Success(known.NewPrincipal());
        }

        if (TokenPreflight.Refusal(token) is { } refusal)
        {
            return TokenValidationOutcome.Fail(refusal);
        }

        JsonWebToken parsed;
        try
        {
            parsed = handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenValidationOutcome.Fail("The token is malformed.");
        }

        var configuration = await metadata.GetConfigurationAsync(cancellationToken);
        if (!string.IsNullOrEmpty(parsed.Kid) && configuration.SigningKeys.All(k => k.KeyId != parsed.Kid) && MayForceRefresh())
        {
            // A key rollover: fetch the metadata and JWKS again. (ConfigurationManager 6.8 ignores
            // RequestRefresh right after its first fetch, so a fresh manager replaces it.)
            metadata = createMetadata();
            configuration = await metadata.GetConfigurationAsync(cancellationToken);
        }

        var result = handler.ValidateToken(token, Parameters(configuration));
        if (!result.IsValid)
        {
            return TokenValidationOutcome.Fail(Describe(result.Exception));
        }

        var principal = Principal(result.ClaimsIdentity);
        validated.Add(token, configuration, new DateTimeOffset(parsed.ValidTo, TimeSpan.Zero) + options.ClockSkew, (ClaimsIdentity)principal.Identity!);
        return TokenValidationOutcome.Success(principal);
    }

    /// <summary>At most one forced refresh per <see cref="AuthOptions.KeyRefreshInterval"/>, so unknown kids can't make us hammer the issuer.</summary>
    private bool MayForceRefresh()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastForcedRefreshTicks);
        return now - last >= options.KeyRefreshInterval.Ticks && Interlocked.CompareExchange(ref lastForcedRefreshTicks, now, last) == last;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        IssuerSigningKeys = configuration.SigningKeys,
        TryAllIssuerSigningKeys = false,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = options.ClockSkew,
        ValidateAudience = true,
        ValidAudience = options.Audience,
        ValidateIssuer = true,
        IssuerValidator = (issuer, token, _) => IssuerMatches(configuration.Issuer, issuer, token)
            ? issuer
            : throw new SecurityTokenInvalidIssuerException("The token's issuer is not accepted.") { InvalidIssuer = issuer },
    };

    /// <summary>Exact match, or Entra's multi-tenant template with <c>{tenantid}</c> replaced by the token's <c>tid</c>.</summary>
    internal static bool IssuerMatches(string expected, string actual, SecurityToken token)
    {
        if (!expected.Contains(TenantTemplate, StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(expected, actual, StringComparison.Ordinal);
        }

        if (token is not JsonWebToken jwt || !jwt.TryGetPayloadValue<string>("tid", out var tenant) || string.IsNullOrEmpty(tenant))
        {
            return false;
        }

        return string.Equals(expected.Replace(TenantTemplate, tenant, StringComparison.OrdinalIgnoreCase), actual, StringComparison.Ordinal);
    }

    private static ClaimsPrincipal Principal(ClaimsIdentity validated)
    {
        var user = validated.FindFirst("preferred_username")?.Value ?? validated.FindFirst("upn")?.Value ?? validated.FindFirst("oid")?.Value;
        var identity = new ClaimsIdentity(validated.Claims, "Bearer", ClaimTypes.Name, "roles");
        if (user is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Name, user));
        }

        return new ClaimsPrincipal(identity);
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token's audience is not accepted.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with an unknown key.",
        SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenInvalidAlgorithmException => "Only RS256-signed tokens are accepted.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        _ => "The token is invalid.",
    };
}

public sealed record TokenValidationOutcome(ClaimsPrincipal? Principal, string? Failure)
{
    public static TokenValidationOutcome Success(ClaimsPrincipal principal) => new(principal, null);

    public static TokenValidationOutcome Fail(string reason) => new(null, reason);
}
