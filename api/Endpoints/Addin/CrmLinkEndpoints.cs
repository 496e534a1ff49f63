using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using OutlookCrm.Api.Addin;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Endpoints.Addin;

public static class CrmLinkEndpoints
{
    private const int MaxItemIdLength = 512;

    /// <summary>
    /// <c>PUT|GET|DELETE /api/addin/events/{exchangeItemId}/crm-link</c>: the meeting as a CRM Event with
    /// its relations, keyed by the Exchange item id, so linking twice updates the same Event.
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
        EventLinkRepository links, CancellationToken cancellationToken)
    {
        CheckItemId(exchangeItemId);
        var crm = await connectors.CrmAsync(cancellationToken);
        var me = await users.ResolveAsync(user, crm, cancellationToken);
        var known = await links.FindAsync(exchangeItemId, cancellationToken);
        var result = await crm.UpsertEventLinkAsync(exchangeItemId, new CrmEventLinkRequest(
            request.Subject!, request.Start!.Value, request.End!.Value, request.IsAllDay, request.Location, request.Body,
            request.WhoIds ?? [], request.WhatId, me.Id, known?.CrmEventId), cancellationToken);
        await links.SaveAsync(exchangeItemId, result.CrmEventId, me.Mailbox, cancellationToken);
        return TypedResults.Ok(CrmLinkResponse.From(result.CrmEventId, result.Relations));
    }

    private static async Task<Ok<CrmLinkResponse>> GetAsync(
        string exchangeItemId, EventLinkRepository links, CancellationToken cancellationToken)
    {
        CheckItemId(exchangeItemId);
        var link = await links.FindAsync(exchangeItemId, cancellationToken) ?? throw NotLinked();
        return TypedResults.Ok(new CrmLinkResponse(link.CrmEventId, []));
    }

    /// <summary>Unlinking deletes the CRM Event the link made and forgets the link.</summary>
    private static async Task<NoContent> DeleteAsync(
        string exchangeItemId, ClaimsPrincipal user, IConnectorSource connectors, CrmUserResolver users, EventLinkRepository links, CancellationToken cancellationToken)
    {
        CheckItemId(exchangeItemId);
        var link = await links.FindAsync(exchangeItemId, cancellationToken) ?? throw NotLinked();

        var crm = await connectors.CrmAsync(cancellationToken);
        var me = await users.ResolveAsync(user, crm, cancellationToken);
        var scope = new SyncScope(me.Mailbox, me.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var outcome = (await crm.Events.ApplyAsync(scope, [new WriteRequest<Core.Domain.CalendarEvent>("unlink", WriteKind.Delete, link.CrmEventId, null, null)], cancellationToken)).Single();
        if (outcome.Error is { Kind: not WriteErrorKind.NotFound } error)
        {
            throw new ProblemException(StatusCodes.Status502BadGateway, "The CRM refused the delete", $"{error.Code}: {error.Message}");
        }

        await links.DeleteAsync(exchangeItemId, cancellationToken);
        return TypedResults.NoContent();
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

    public sealed record CrmLinkResponse(string CrmEventId, IReadOnlyList<RelationRecord> Relations)
    {
        public static CrmLinkResponse From(string id, IReadOnlyList<CrmEventRelation> relations) =>
            new(id, relations.Select(r => new RelationRecord(r.Id, r.RelationId, r.IsWhat)).ToList());
    }

    public sealed record RelationRecord(string Id, string RelationId, bool IsWhat);
}
