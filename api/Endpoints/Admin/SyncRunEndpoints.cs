using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Admin.SyncRuns;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Endpoints.Admin;

public static class SyncRunEndpoints
{
    /// <summary><c>/api/admin/sync-runs</c>: queue a run of one mailbox (the worker picks it up) and follow it.</summary>
    public static RouteGroupBuilder MapSyncRuns(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/sync-runs");
        group.MapPost("/", QueueAsync).WithName("QueueSyncRun").Validates<SyncRunRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}", GetAsync).WithName("GetSyncRun").ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    private static async Task<Accepted<SyncRunCreated>> QueueAsync(
        SyncRunRequest request, SyncConfigurationRepository configurations, SyncRunRepository runs, AdminAudit audit,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var mailbox = request.Mailbox!.Trim().ToLowerInvariant();
        var configuration = await configurations.FindActiveForMailboxAsync(mailbox, cancellationToken)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, "Mailbox not in an active configuration",
                $"{mailbox} belongs to no active sync configuration, so there is nothing to run.");
        var id = await runs.QueueAsync(mailbox, cancellationToken);
        await audit.RecordAsync(user, "sync-run.request", $"sync-runs/{id}", null, new { id, mailbox, configuration = configuration.Name }, cancellationToken);
        return TypedResults.Accepted($"/api/admin/sync-runs/{id}", new SyncRunCreated(id));
    }

    private static async Task<Ok<SyncRunResponse>> GetAsync(string id, SyncRunRepository runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(SyncRunResponse.From(await runs.FindAsync(id, cancellationToken)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, "No such sync run", $"There is no sync run '{id}'.")));
}
