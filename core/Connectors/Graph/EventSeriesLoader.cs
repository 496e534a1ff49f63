using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OutlookCrm.Core.Connectors.Graph.Batch;
using OutlookCrm.Core.Connectors.Graph.Dtos;
using OutlookCrm.Core.Connectors.Graph.Mapping;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// Turns Graph events into sync items. A calendar view lists occurrences, not series, so a series
/// is read as its master (with our partner-id property expanded) plus its instances in the window;
/// moved instances become exceptions and cancelled or vanished ones cancelled occurrences.
/// </summary>
internal sealed class EventSeriesLoader(GraphHttp http, GraphBatchRunner batch)
{
    private const string InstanceFields = "id,type,start,end,originalStart,subject,location,isCancelled,changeKey";

    /// <summary>Events by id with the partner id expanded; missing ids are left out.</summary>
    public async Task<List<EventDto>> GetAsync(string mailbox, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var requests = ids.Distinct().Select((id, i) => new BatchRequest(
            i.ToString(CultureInfo.InvariantCulture), HttpMethod.Get,
            GraphHttp.UserPath(mailbox, $"events/{GraphHttp.Escape(id)}?{ExtendedProperties.ExpandQuery}"), GraphResource.Events)).ToList();
        var found = new List<EventDto>();
        if (requests.Count == 0)
        {
            return found;
        }

        var responses = await batch.SendAsync(mailbox, requests, cancellationToken);
        foreach (var request in requests)
        {
            var response = responses[request.Id];
            if (response.Status == 404)
            {
                continue;
            }

            found.Add(response is { IsSuccess: true, Body: { } body } ? GraphJson.Read<EventDto>(body) : throw response.ToException());
        }

        return found;
    }

    /// <summary>Domain items for single events and series masters; the instances of every master are read in one pass of <c>$batch</c>.</summary>
    public async Task<List<Versioned<CalendarEvent>>> CompleteAsync(SyncScope scope, IReadOnlyList<EventDto> events, CancellationToken cancellationToken)
    {
        var masters = events.Where(e => IsMaster(e)).ToList();
        var instances = await InstancesAsync(scope, masters, cancellationToken);
        return events.Select(e =>
        {
            if (!IsMaster(e))
            {
                return new Versioned<CalendarEvent>(e.Id, e.ChangeKey ?? "", EventMapper.ToDomain(e));
            }

            var listed = instances.GetValueOrDefault(e.Id) ?? [];
            var recurrence = RecurrenceMapper.ToDomain(e.Recurrence);
            var missing = recurrence is null ? [] : SeriesOccurrences.Missing(recurrence, EventMapper.Instant(e.Start), listed, scope.WindowStart, scope.WindowEnd);
            var domain = EventMapper.ToDomain(e, listed, missing);
            return new Versioned<CalendarEvent>(e.Id, SeriesVersion(e, domain), domain);
        }).ToList();
    }

    /// <summary>
    /// What the window holds now, by id only (one calendar view call per 500 events): the masters of
    /// every series with an occurrence in it, and its single events.
    /// </summary>
    public async Task<WindowListing> ListWindowAsync(SyncScope scope, CancellationToken cancellationToken)
    {
        var listing = new WindowListing(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        string? url = GraphHttp.UserPath(scope.Mailbox,
            $"calendarView?startDateTime={Iso(scope.WindowStart)}&endDateTime={Iso(scope.WindowEnd)}&$select=id,type,seriesMasterId");
        while (url is not null)
        {
            var json = await http.SendAsync(scope.Mailbox, HttpMethod.Get, url, "graph.events.view", GraphResource.Events, null, cancellationToken, 500);
            var page = json is { } body ? GraphJson.Read<GraphPage<EventDto>>(body) : null;
            foreach (var e in page?.Value ?? [])
            {
                if (e.SeriesMasterId is { } master)
                {
                    listing.Masters.Add(master);
                }
                else
                {
                    listing.Singles.Add(e.Id);
                }
            }

            url = page?.NextLink;
        }

        return listing;
    }

    public static bool IsMaster(EventDto e) => string.Equals(e.Type, "seriesMaster", StringComparison.OrdinalIgnoreCase);

    private async Task<Dictionary<string, List<EventDto>>> InstancesAsync(SyncScope scope, IReadOnlyList<EventDto> masters, CancellationToken cancellationToken)
    {
        var window = $"startDateTime={Iso(scope.WindowStart)}&endDateTime={Iso(scope.WindowEnd)}&$select={InstanceFields}&$top=200";
        var requests = masters.Select((m, i) => new BatchRequest(i.ToString(CultureInfo.InvariantCulture), HttpMethod.Get,
            GraphHttp.UserPath(scope.Mailbox, $"events/{GraphHttp.Escape(m.Id)}/instances?{window}"), GraphResource.Events)).ToList();
        var result = new Dictionary<string, List<EventDto>>(StringComparer.Ordinal);
        if (requests.Count == 0)
        {
            return result;
        }

        foreach (var (index, response) in await batch.SendAsync(scope.Mailbox, requests, cancellationToken))
        {
            var masterId = masters[int.Parse(index, CultureInfo.InvariantCulture)].Id;
            if (response.Status == 404)
            {
                continue; // deleted since its master was read; the next delta round reports it
            }

            if (!response.IsSuccess || response.Body is not { } body)
            {
                throw response.ToException();
            }

            var page = GraphJson.Read<GraphPage<EventDto>>(body);
            var list = page.Value ?? [];
            for (var next = page.NextLink; next is not null;)
            {
                var more = await http.SendAsync(scope.Mailbox, HttpMethod.Get, next, "graph.events.instances", GraphResource.Events, null, cancellationToken);
                var morePage = more is { } m ? GraphJson.Read<GraphPage<EventDto>>(m) : null;
                list.AddRange(morePage?.Value ?? []);
                next = morePage?.NextLink;
            }

            result[masterId] = list;
        }

        return result;
    }

    // An edited or deleted occurrence need not change the master's changeKey, so the series version
    // also covers its exceptions and cancellations.
    private static string SeriesVersion(EventDto master, CalendarEvent series)
    {
        if (series.Exceptions.Count == 0 && series.CancelledOccurrences.Count == 0)
        {
            return master.ChangeKey ?? "";
        }

        var text = string.Join("|", series.Exceptions.Select(e => $"{e.OriginalStart:O}>{e.Start:O}-{e.End:O}:{e.Subject}@{e.Location}"))
            + "#" + string.Join("|", series.CancelledOccurrences.Select(c => c.ToString("O", CultureInfo.InvariantCulture)));
        return $"{master.ChangeKey}#{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12]}";
    }

    public static string ChangeKeyOf(string version) => version.Split('#')[0];

    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>The ids a calendar view lists: series (by master) and single events.</summary>
internal sealed record WindowListing(HashSet<string> Masters, HashSet<string> Singles)
{
    public bool Contains(string id) => Masters.Contains(id) || Singles.Contains(id);
}
