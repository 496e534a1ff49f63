using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Endpoints.Admin;

public static class SyncActivityEndpoints
{
    public const int MaxDays = 31;

    /// <summary><c>GET /api/admin/sync-activity?days=7</c>: items synced per hour (UTC), for the admin page's chart.</summary>
    public static RouteGroupBuilder MapSyncActivity(this RouteGroupBuilder admin)
    {
        admin.MapGet("/sync-activity", GetAsync).WithName("GetSyncActivity");
        return admin;
    }

    private static async Task<Results<Ok<SyncActivityResponse>, ValidationProblem>> GetAsync(
        SyncActivityQueries queries, CancellationToken cancellationToken, int days = 7)
    {
        if (days is < 1 or > MaxDays)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"days must be between 1 and {MaxDays}."] });
        }

        return TypedResults.Ok(new SyncActivityResponse(await queries.ItemsPerHourAsync(days, cancellationToken)));
    }

    /// <summary>Every hour of the window, oldest first, hours without runs included with 0 items.</summary>
    public sealed record SyncActivityResponse(IReadOnlyList<SyncActivityHour> Hours);
}
