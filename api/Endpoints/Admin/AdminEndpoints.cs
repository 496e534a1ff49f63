using OutlookCrm.Api.Auth;

namespace OutlookCrm.Api.Endpoints.Admin;

public static class AdminEndpoints
{
    /// <summary>Every <c>/api/admin/*</c> route, behind the admin policy (CONTRACT.md §3).</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin")
            .RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy)
            .WithTags("Admin")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapExchangeConnection()
            .MapCrmConnection()
            .MapSyncConfigurations()
            .MapSyncRuns()
            .MapSyncStatus()
            .MapSyncActivity()
            .MapAudit();
        return app;
    }
}
