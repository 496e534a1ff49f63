using System.Security.Claims;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Admin;

/// <summary>Appends an admin change to the audit log. Callers pass before/after with secrets already masked.</summary>
public sealed class AdminAudit(AuditLog log)
{
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    public Task RecordAsync(ClaimsPrincipal user, string action, string target, object? before, object? after, CancellationToken cancellationToken) =>
        log.AppendAsync(
            Actor(user), action, target,
            before is null ? null : AdminJson.Serialize(before),
            after is null ? null : AdminJson.Serialize(after),
            cancellationToken);
}
