using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace OutlookCrm.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Policy for <c>/api/admin/*</c>: the <c>roles</c> claim contains <c>Auth__AdminRole</c>.</summary>
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddApiAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<TokenValidator>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        var adminRole = configuration[$"{AuthOptions.Section}:AdminRole"] is { Length: > 0 } role ? role : new AuthOptions().AdminRole;
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim("roles", adminRole));
        return services;
    }
}
