using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Admin.SyncStatus;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Endpoints.Admin;

public static class SyncStatusEndpoints
{
    /// <summary><c>/api/admin/sync-status/{mailbox}</c>: what the last runs did, parked items to retry, and a reset.</summary>
    public static RouteGroupBuilder MapSyncStatus(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/sync-status/{mailbox}").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", GetAsync).WithName("GetSyncStatus");
        group.MapPost("/unresolved/{id:long}/retry", RetryAsync).WithName("RetryUnresolvedItem");
        group.MapPost("/reset", ResetAsync).WithName("ResetMailboxSync");
        return admin;
    }

    private static async Task<Ok<SyncStatusResponse>> GetAsync(string mailbox, SyncStatusBuilder builder, CancellationToken cancellationToken) =>
        TypedResults.Ok(await builder.BuildAsync(mailbox, cancellationToken) ?? throw UnknownMailbox(mailbox));

    private static async Task<NoContent> RetryAsync(
        string mailbox, long id, SyncStatusQueries queries, AdminAudit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var error = (await queries.ItemErrorsAsync(mailbox, cancellationToken)).FirstOrDefault(e => e.Id == id);
        if (error is null || !await queries.RetryItemErrorAsync(mailbox, id, cancellationToken))
        {
            throw new ProblemException(StatusCodes.Status404NotFound, "No such item error", $"{mailbox} has no item error {id}.");
        }

        await audit.RecordAsync(user, "sync-status.retry", $"sync-status/{Normalize(mailbox)}/unresolved/{id}",
            new { error.ObjectKind, error.Side, item = error.ItemId, error.Code, error.Attempts, error.Unresolved },
            new { error.ObjectKind, error.Side, item = error.ItemId, attempts = 0, unresolved = false }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MailboxResetResponse>> ResetAsync(
        string mailbox, SyncStatusQueries queries, AdminAudit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var counts = await queries.ResetMailboxAsync(mailbox, cancellationToken);
        var response = new MailboxResetResponse(counts.Relations, counts.Cursors, counts.ItemErrors);
        await audit.RecordAsync(user, "sync-status.reset", $"sync-status/{Normalize(mailbox)}", response, null, cancellationToken);
        return TypedResults.Ok(response);
    }

    private static string Normalize(string mailbox) => mailbox.Trim().ToLowerInvariant();

    private static ProblemException UnknownMailbox(string mailbox) =>
        new(StatusCodes.Status404NotFound, "Unknown mailbox", $"{mailbox} is in no sync configuration and was never synced.");
}
