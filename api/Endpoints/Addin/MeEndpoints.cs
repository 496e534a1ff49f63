using System.Security.Claims;
using Microsoft.Extensions.Options;
using OutlookCrm.Api.Auth;

namespace OutlookCrm.Api.Endpoints.Addin;

public static class MeEndpoints
{
    /// <summary><c>GET /api/addin/me</c>: who the token says the caller is; the add-in shows it and checks its token works.</summary>
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder addin)
    {
        addin.MapGet("/me", (ClaimsPrincipal user, IOptions<AuthOptions> options) => TypedResults.Ok(new Me(
            user.Identity?.Name ?? "",
            user.FindFirst("oid")?.Value,
            user.FindFirst("tid")?.Value,
            user.HasClaim("roles", options.Value.AdminRole))));
        return addin;
    }

    public sealed record Me(string User, string? ObjectId, string? TenantId, bool IsAdmin);
}
