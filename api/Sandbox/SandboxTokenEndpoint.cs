using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Core.Configuration;
using OutlookCrm.Emulators.Entra;

namespace OutlookCrm.Api.Sandbox;

/// <summary><c>POST /sandbox/token {"user","admin"}</c> → <c>{"access_token"}</c>: a token the API accepts, minted by the Entra emulator.</summary>
public static class SandboxTokenEndpoint
{
    public static void MapSandboxToken(this WebApplication app) =>
        app.MapPost("/sandbox/token", Mint)
            .AllowAnonymous()
            .WithTags("Sandbox")
            .WithName("SandboxToken")
            .WithSummary("Sandbox only: a signed access token for a demo user (admin: with the admin role).");

    private static Results<Ok<SandboxTokenResponse>, ValidationProblem> Mint(SandboxTokenRequest request, SandboxEmulators emulators, IConfiguration configuration)
    {
        var user = request.User?.Trim() ?? "";
        if (!MailAddress.TryCreate(user, out var address) || address.Address != user)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["user"] = ["Must be an e-mail address, e.g. alice@contoso.com."] });
        }

        var token = emulators.Entra.MintToken(new TokenRequest
        {
            Audience = configuration[ConfigurationKeys.AuthAudience] ?? SandboxApps.Audience,
            User = user.ToLowerInvariant(),
            Roles = request.Admin == true ? [configuration[ConfigurationKeys.AuthAdminRole] ?? "OutlookCrm.Admin"] : [],
        });
        return TypedResults.Ok(new SandboxTokenResponse(token));
    }
}

public sealed record SandboxTokenRequest(string? User, bool? Admin);

public sealed record SandboxTokenResponse([property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken);
