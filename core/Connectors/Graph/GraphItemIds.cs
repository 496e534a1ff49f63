using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Graph.Dtos;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// The immutable id (what the sync keys events by) of an item named by its default REST id:
/// <c>POST /users/{id}/translateExchangeIds</c> from <c>restId</c> to <c>restImmutableEntryId</c>.
/// The API reference has listed application permissions for it (User.Read.All) and now lists none,
/// so when Graph answers our app-only token 403 the item is read instead, with
/// <c>Prefer: IdType="ImmutableId"</c>, which returns its immutable id and needs only the Calendars
/// permission the sync has; translate is then not tried again. An immutable id never changes while
/// the item stays in its mailbox, so answers are kept (<see cref="ItemIdCache"/>).
/// The sync keys a recurring meeting by its series master, so the item's <c>type</c> and
/// <c>seriesMasterId</c> are asked for too (in the fallback read itself; after a translation, with
/// one read of the translated id): an occurrence or exception stands for its series.
/// </summary>
internal sealed class GraphItemIds(GraphHttp http)
{
    private const string TranslateOperation = "graph.users.translateExchangeIds";
    private const string GetOperation = "graph.events.get";
    private readonly ItemIdCache cache = new();
    private volatile bool translateRefused;

    public Task<OutlookSyncId> SyncIdAsync(string mailbox, string restId, CancellationToken cancellationToken) =>
        cache.GetOrLearnAsync(mailbox, restId, () => TranslateOrReadAsync(mailbox, restId, cancellationToken));

    private async Task<OutlookSyncId> TranslateOrReadAsync(string mailbox, string restId, CancellationToken cancellationToken)
    {
        if (!translateRefused)
        {
            string immutable;
            try
            {
                immutable = await TranslateAsync(mailbox, restId, cancellationToken);
            }
            catch (GraphServiceException refused) when (refused.Status == HttpStatusCode.Forbidden)
            {
                translateRefused = true;
                http.Logger.LogInformation("translateExchangeIds refused for the app ({Code}); item ids are read with the ImmutableId preference instead", refused.Code);
                return await ReadAsync(mailbox, restId, cancellationToken);
            }

            return await ReadAsync(mailbox, immutable, cancellationToken);
        }

        return await ReadAsync(mailbox, restId, cancellationToken);
    }

    private async Task<string> TranslateAsync(string mailbox, string restId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToNode(new TranslateExchangeIdsDto([restId], "restId", "restImmutableEntryId"), GraphJson.Options);
        var json = await http.SendAsync(mailbox, HttpMethod.Post, GraphHttp.UserPath(mailbox, "translateExchangeIds"), TranslateOperation, GraphResource.Other, body, cancellationToken);
        var result = json is { } answer ? GraphJson.Read<GraphPage<ConvertIdResultDto>>(answer).Value?.FirstOrDefault() : null;
        return result switch
        {
            { TargetId.Length: > 0 } => result.TargetId,
            { ErrorDetails: { } error } => throw new OutlookItemIdException(error.Code ?? OutlookItemIdException.Malformed, error.Message ?? "The id was not translated."),
            _ => throw new GraphServiceException(HttpStatusCode.OK, "UnexpectedResponse", "translateExchangeIds answered with no result for the id."),
        };
    }

    /// <summary>
    /// <c>GET …/events/{id}?$select=id,type,seriesMasterId</c> with the ImmutableId preference: the
    /// immutable id of the event <paramref name="id"/> names (a default or an immutable id), or of its
    /// series master when it is an occurrence or exception.
    /// </summary>
    private async Task<OutlookSyncId> ReadAsync(string mailbox, string id, CancellationToken cancellationToken)
    {
        try
        {
            var json = await http.SendAsync(
                mailbox, HttpMethod.Get, GraphHttp.UserPath(mailbox, $"events/{GraphHttp.Escape(id)}?$select=id,type,seriesMasterId"), GetOperation, GraphResource.Events, null, cancellationToken);
            var read = json is { } answer ? GraphJson.Read<EventDto>(answer) : null;
            return read switch
            {
                { Type: "occurrence" or "exception", SeriesMasterId.Length: > 0 } => new OutlookSyncId(read.SeriesMasterId, OfSeries: true),
                { Id.Length: > 0 } => new OutlookSyncId(read.Id),
                _ => throw new GraphServiceException(HttpStatusCode.OK, "UnexpectedResponse", "The event came back without an id."),
            };
        }
        catch (GraphServiceException refused) when (refused.Code is OutlookItemIdException.Malformed or OutlookItemIdException.NotFound)
        {
            throw new OutlookItemIdException(refused.Code, refused.GraphMessage);
        }
    }
}
