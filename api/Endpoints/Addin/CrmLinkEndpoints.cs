using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using OutlookCrm.Api.Addin;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Endpoints.Addin;

public static class CrmLinkEndpoints
{
    private const int MaxItemIdLength = 512;

    /// <summary>
    /// <c>PUT|GET|DELETE /api/addin/events/{exchangeItemId}/crm-link</c>: the meeting as a CRM Event with
    /// its relations, keyed by the id the sync knows the meeting by (the sent REST id translated), so
    /// linking twice updates the same Event, and a meeting the sync also syncs keeps one Event. An
    /// occurrence or exception of a recurring meeting is linked as its series (the sync's id is the
    /// master's); <c>series</c> in the answer says so.
    /// </summary>
    public static RouteGroupBuilder MapCrmLinks(this RouteGroupBuilder addin)
    {
        var link = addin.MapGroup("/events/{exchangeItemId}/crm-link");
        link.MapPut("", PutAsync).Validates<CrmLinkRequest>();
        link.MapGet("", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        link.MapDelete("", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return addin;
    }

    private static async Task<Ok<CrmLinkResponse>> PutAsync(
        string exchangeItemId, CrmLinkRequest request, ClaimsPrincipal user, IConnectorSource connectors, CrmUserResolver users,
        AddinItemIds ids, MeetingLinks links, CancellationToken cancellationToken)
    {
        CheckItemId(exchangeItemId);
        var syncId = await ids.SyncIdAsync(CrmUserResolver.MailboxOf(user), exchangeItemId, cancellationToken);
        var crm = await connectors.CrmAsync(cancellationToken);
        var me = await users.ResolveAsync(user, crm, cancellationToken);
        var result = await links.LinkAsync(me, exchangeItemId, syncId.Id, request, crm, cancellationToken);
        return TypedResults.Ok(CrmLinkResponse.From(result.CrmEventId, result.Relations, syncId.OfSeries));
    }

    private static async Task<Ok<CrmLinkResponse>> GetAsync(
        string exchangeItemId, ClaimsPrincipal user, AddinItemIds ids, MeetingLinks links, CancellationToken cancellationToken)
    {
        CheckItemId(exchangeItemId);
        var syncId = await ids.SyncIdAsync(CrmUserResolver.MailboxOf(user), exchangeItemId, cancellationToken);
        var link = await links.FindAsync(exchangeItemId, syncId.Id, cancellationToken) ?? throw NotLinked();
        return TypedResults.Ok(new CrmLinkResponse(link.CrmEventId, [], syncId.OfSeries));
    }

    /// <summary>Unlinking (from the series' master or any of its occurrences: the link is the series') deletes the CRM Event the link made (one the sync keeps stays) and forgets the link.</summary>
    private static async Task<NoContent> DeleteAsync(
        string exchangeItemId, ClaimsPrincipal user, IConnectorSource connectors, CrmUserResolver users, AddinItemIds ids, MeetingLinks links,
        CancellationToken cancellationToken)
    {
        CheckItemId(exchangeItemId);
        var syncId = await ids.SyncIdAsync(CrmUserResolver.MailboxOf(user), exchangeItemId, cancellationToken);
        _ = await links.FindAsync(exchangeItemId, syncId.Id, cancellationToken) ?? throw NotLinked();
        var crm = await connectors.CrmAsync(cancellationToken);
        var me = await users.ResolveAsync(user, crm, cancellationToken);
        return await links.UnlinkAsync(me, exchangeItemId, syncId.Id, crm, cancellationToken) ? TypedResults.NoContent() : throw NotLinked();
    }

    /// <summary>An unknown link: a 404 in problem+json, as every error answer is (CONTRACT.md).</summary>
    private static ProblemException NotLinked() =>
        new(StatusCodes.Status404NotFound, "Not linked", "This meeting is not linked to a CRM event.");

    private static void CheckItemId(string exchangeItemId)
    {
        if (string.IsNullOrWhiteSpace(exchangeItemId) || exchangeItemId.Length > MaxItemIdLength || exchangeItemId.Any(char.IsControl))
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("exchangeItemId", $"An Exchange item id of 1 to {MaxItemIdLength} printable characters.")]);
        }
    }

    /// <param name="Series">True when the item id named one occurrence (or exception) of a recurring meeting and the link is its series'.</param>
    public sealed record CrmLinkResponse(string CrmEventId, IReadOnlyList<RelationRecord> Relations, bool Series)
    {
        public static CrmLinkResponse From(string id, IReadOnlyList<CrmEventRelation> relations, bool series) =>
            new(id, relations.Select(r => new RelationRecord(r.Id, r.RelationId, r.IsWhat)).ToList(), series);
    }

    public sealed record RelationRecord(string Id, string RelationId, bool IsWhat);
}
