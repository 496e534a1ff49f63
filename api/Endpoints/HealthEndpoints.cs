using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Endpoints;

public static class HealthEndpoints
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the store answers and its schema is current.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Health").AllowAnonymous();
        group.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("alive", null)));
        group.MapGet("/readyz", ReadyAsync).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ReadyAsync(Migrator migrator, ILogger<Migrator> logger, CancellationToken cancellationToken)
    {
        try
        {
            var applied = await migrator.AppliedVersionAsync(cancellationToken);
            return applied >= migrator.LatestVersion
                ? TypedResults.Ok(new HealthStatus("ready", applied))
                : TypedResults.Problem($"Store schema is at version {applied}, expected {migrator.LatestVersion}.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(ex, "Readiness check could not reach the store");
            return TypedResults.Problem("The store is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
        }
    }

    public sealed record HealthStatus(string Status, int? SchemaVersion);
}
