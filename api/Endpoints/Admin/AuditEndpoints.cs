using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Endpoints.Admin;

public static class AuditEndpoints
{
    /// <summary><c>GET /api/admin/audit?limit=&amp;before=</c>: admin changes, newest first.</summary>
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", ListAsync).WithName("ListAudit");
        return admin;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync(AuditLog log, CancellationToken cancellationToken, int limit = 50, long? before = null)
    {
        if (limit is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 500."] });
        }

        var entries = await log.ListAsync(limit, before, cancellationToken);
        return TypedResults.Ok(new AuditPage(entries, entries.Count == limit ? entries[^1].Id : null));
    }

    public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextBefore);
}
