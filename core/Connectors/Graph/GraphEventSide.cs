using System.Runtime.CompilerServices;
using OutlookCrm.Core.Connectors.Graph.Batch;
using OutlookCrm.Core.Connectors.Graph.Dtos;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// A mailbox's primary calendar through Graph, limited to the sync window: <c>calendarView/delta</c>
/// for changes, <c>$batch</c> for reads and writes (see <see cref="GraphEventWriter"/>). Single
/// events are items as delta returns them; a recurring series is one item, its master (read with
/// our partner-id property). Single events come without it (delta can't expand it); the engine asks
/// for the stamps only when they can matter (<see cref="IPartnerStampReader{T}"/>).
/// </summary>
public sealed class GraphEventSide : ISyncSide<CalendarEvent>, IRelatedChangeReader<CalendarEvent>, IPartnerStampReader<CalendarEvent>
{
    private readonly GraphBatchRunner batch;
    private readonly GraphConnectorOptions options;
    private readonly DeltaReader delta;
    private readonly PartnerStamps stamps;
    private readonly EventSeriesLoader series;
    private readonly GraphEventWriter writer;

    public GraphEventSide(GraphHttp http, GraphBatchRunner batch, GraphConnectorOptions options)
    {
        this.batch = batch;
        this.options = options;
        delta = new DeltaReader(http);
        stamps = new PartnerStamps(http, batch, options);
        series = new EventSeriesLoader(http, batch);
        writer = new GraphEventWriter(batch, options);
    }

    public IAsyncEnumerable<ChangePage<CalendarEvent>> ReadChangesAsync(SyncScope scope, string? cursor, CancellationToken cancellationToken) =>
        ReadChangesAsync(scope, cursor, new HashSet<string>(), cancellationToken);

    /// <summary>
    /// Delta rounds of the window. When a round reports events that are really gone, the window is
    /// listed once (ids only) and two things follow from it: the series still in it are re-read (a
    /// removed id may have been one of their occurrences), and a related id the listing no longer
    /// holds may be a series deleted whole, which delta reports only as its occurrences' ids: it is
    /// deleted if Graph no longer knows it.
    /// </summary>
    public async IAsyncEnumerable<ChangePage<CalendarEvent>> ReadChangesAsync(
        SyncScope scope, string? cursor, IReadOnlySet<string> relatedIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The window is fixed when a round starts; Graph encodes it in the links that follow.
        var initial = GraphHttp.UserPath(scope.Mailbox,
            $"calendarView/delta?startDateTime={EventSeriesLoader.Iso(scope.WindowStart)}&endDateTime={EventSeriesLoader.Iso(scope.WindowEnd)}");
        var seenMasters = new HashSet<string>(StringComparer.Ordinal);
        var seriesRefreshed = false;
        await foreach (var page in delta.ReadAsync<EventDto>(scope.Mailbox, initial, cursor, "graph.events.delta", GraphResource.Events, options.PageSize, cancellationToken))
        {
            var live = page.Items.Where(i => i.Removed is null).ToList();
            var singles = live.Where(i => !EventSeriesLoader.IsMaster(i) && i.SeriesMasterId is null).ToList();
            var masterIds = live.Select(i => EventSeriesLoader.IsMaster(i) ? i.Id : i.SeriesMasterId)
                .OfType<string>()
                .Where(seenMasters.Add)
                .ToList();

            var deleted = await ConfirmDeletedAsync(scope.Mailbox, page.Items.Where(i => i.Removed is not null).Select(i => i.Id).ToList(), cancellationToken);
            if (deleted.Count > 0 && !page.IsFullScan && !seriesRefreshed)
            {
                // A deleted occurrence shows up only as its own id, and its series' master is not in
                // the view; re-reading the window's series lets their versions tell what changed.
                seriesRefreshed = true;
                var window = await series.ListWindowAsync(scope, cancellationToken);
                var unlisted = relatedIds.Where(id => !window.Contains(id) && !seenMasters.Contains(id) && !deleted.Contains(id)).ToList();
                masterIds.AddRange(window.Masters.Where(seenMasters.Add));
                deleted.AddRange(await ConfirmDeletedAsync(scope.Mailbox, unlisted, cancellationToken));
            }

            var masters = await series.GetAsync(scope.Mailbox, masterIds, cancellationToken);
            var items = await series.CompleteAsync(scope, [.. singles, .. masters], cancellationToken);
            var changed = items.Select(v => new ChangedItem<CalendarEvent>(v.Id, v.Version, v.Body)).ToList();
            yield return new ChangePage<CalendarEvent>(changed, deleted, page.Cursor, page.IsFullScan, page.IsLast) { FullScanReason = page.FullScanReason };
        }
    }

    public async Task<IReadOnlyList<Versioned<CalendarEvent>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var events = await series.GetAsync(scope.Mailbox, ids.ToList(), cancellationToken);
        return await series.CompleteAsync(scope, events, cancellationToken);
    }

    public Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<CalendarEvent>> writes, CancellationToken cancellationToken) =>
        writer.ApplyAsync(scope, writes, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ReadPartnerIdsAsync(SyncScope scope, IReadOnlyList<string> ids, int itemsOnSide, CancellationToken cancellationToken) =>
        stamps.ReadOrListAsync(scope.Mailbox, "events", GraphResource.Events, ids, itemsOnSide, cancellationToken);

    /// <summary>
    /// A calendar view's delta also reports as removed the events that merely moved out of the
    /// window. Passing those on would delete their CRM partners, so only ids Graph no longer
    /// knows (404) count as deleted.
    /// </summary>
    private async Task<List<string>> ConfirmDeletedAsync(string mailbox, IReadOnlyList<string> removed, CancellationToken cancellationToken)
    {
        if (removed.Count == 0)
        {
            return [];
        }

        var requests = removed.Select((id, i) => new BatchRequest(
            i.ToString(System.Globalization.CultureInfo.InvariantCulture), HttpMethod.Get,
            GraphHttp.UserPath(mailbox, $"events/{GraphHttp.Escape(id)}?$select=id"), GraphResource.Events)).ToList();
        var responses = await batch.SendAsync(mailbox, requests, cancellationToken);
        if (responses.Values.FirstOrDefault(r => !r.IsSuccess && r.Status != 404) is { } failed)
        {
            throw failed.ToException(); // unsure whether it is gone: don't move the cursor past it
        }

        return requests.Where(r => responses[r.Id].Status == 404).Select(r => removed[int.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture)]).ToList();
    }
}
