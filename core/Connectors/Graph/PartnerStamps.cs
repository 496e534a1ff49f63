using System.Text.Json;
using OutlookCrm.Core.Connectors.Graph.Batch;
using OutlookCrm.Core.Connectors.Graph.Dtos;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// Reads back the partner ids we stamped. Delta queries can't <c>$expand</c>, so they are looked up
/// separately, and only when the engine asks (after an interrupted run, see
/// <see cref="Sync.Ports.IPartnerStampReader{T}"/>): item by item through <c>$batch</c>, or in bulk
/// when that takes fewer calls (events: a filtered list of only the stamped ones; contacts: every id
/// with the property expanded, since Graph documents the string filter for events and messages only).
/// </summary>
internal sealed class PartnerStamps(GraphHttp http, GraphBatchRunner batch, GraphConnectorOptions options)
{
    /// <summary>Every stamped item of a collection (<c>contacts</c> or <c>events</c>): id → partner id. Ids only, so pages stay small.</summary>
    public async Task<Dictionary<string, string>> ListAsync(string mailbox, string collection, GraphResource resource, CancellationToken cancellationToken)
    {
        var stamps = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = resource == GraphResource.Events ? ExtendedProperties.StampedEventsQuery : ExtendedProperties.ExpandQuery;
        string? url = GraphHttp.UserPath(mailbox, $"{collection}?$select=id&{query}");
        while (url is not null)
        {
            var json = await http.SendAsync(mailbox, HttpMethod.Get, url, $"graph.{collection}.stamped", resource, null, cancellationToken, options.PageSize);
            var page = json is { } body ? GraphJson.Read<GraphPage<StampedDto>>(body) : null;
            foreach (var item in page?.Value ?? [])
            {
                if (ExtendedProperties.Find(item.SingleValueExtendedProperties, ExtendedProperties.PartnerId) is { } partner)
                {
                    stamps[item.Id] = partner;
                }
            }

            url = page?.NextLink;
        }

        return stamps;
    }

    /// <summary>The partner ids of the given items (absent when not stamped or gone).</summary>
    public async Task<Dictionary<string, string>> ReadAsync(
        string mailbox, string collection, GraphResource resource, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var requests = ids.Distinct().Select((id, i) => new BatchRequest(
            i.ToString(System.Globalization.CultureInfo.InvariantCulture), HttpMethod.Get,
            GraphHttp.UserPath(mailbox, $"{collection}/{GraphHttp.Escape(id)}?$select=id&{ExtendedProperties.ExpandQuery}"), resource)).ToList();
        var stamps = new Dictionary<string, string>(StringComparer.Ordinal);
        if (requests.Count == 0)
        {
            return stamps;
        }

        foreach (var response in (await batch.SendAsync(mailbox, requests, cancellationToken)).Values)
        {
            if (response.IsSuccess && response.Body is { } body)
            {
                var item = GraphJson.Read<StampedDto>(body);
                if (ExtendedProperties.Find(item.SingleValueExtendedProperties, ExtendedProperties.PartnerId) is { } partner)
                {
                    stamps[item.Id] = partner;
                }
            }
            else if (response.Status != 404)
            {
                throw response.ToException();
            }
        }

        return stamps;
    }

    /// <summary>The stamps of <paramref name="ids"/>, by whichever takes fewer calls: ⌈ids / 20⌉ batches or ⌈items / page⌉ list pages.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadOrListAsync(
        string mailbox, string collection, GraphResource resource, IReadOnlyList<string> ids, int itemsOnSide, CancellationToken cancellationToken)
    {
        var batches = (ids.Count + options.BatchSize - 1) / options.BatchSize;
        var pages = (Math.Max(itemsOnSide, ids.Count) + options.PageSize - 1) / options.PageSize;
        return batches <= pages
            ? await ReadAsync(mailbox, collection, resource, ids, cancellationToken)
            : await ListAsync(mailbox, collection, resource, cancellationToken);
    }

    private sealed record StampedDto(string Id, List<ExtendedPropertyDto>? SingleValueExtendedProperties);
}
