using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Connectors.Salesforce.Relations;
using OutlookCrm.Core.Connectors.Salesforce.Sync;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Series;

/// <summary>
/// Events as sync items: a single Event is one item; the occurrence Events of a series fold into one
/// item under the series' anchor (its moved occurrences become exceptions, its missing ones
/// cancellations), so an occurrence never becomes an event of its own in Exchange. Writes are
/// finished with the series' occurrences and the attendees' EventRelations.
/// </summary>
internal sealed class EventRecordSet(SalesforceApi api, EventMapper mapper) : IRecordSet<CalendarEvent>
{
    private readonly SeriesQueries series = new(api, mapper);
    private readonly EventRelationSync relations = new(api);

    public SoqlCondition? ScanFilter => SoqlCondition.Eq("IsRecurrence2", false);

    public async Task<IReadOnlyList<ChangedItem<CalendarEvent>>> ScanRestAsync(SyncScope scope, Action<JsonElement> read, CancellationToken cancellationToken)
    {
        var inWindow = SoqlQuery.Select("Id", "Recurrence2PatternStartDate").From(mapper.SObject)
            .Where(mapper.ScopeOf(scope)).Where(SoqlCondition.Eq("IsRecurrence2", true));
        var starts = (await api.Query.ListAsync<JsonElement>(inWindow, cancellationToken))
            .Select(r => r.Instant("Recurrence2PatternStartDate")).OfType<DateTimeOffset>();
        var layouts = await series.LoadAsync(scope, starts, cancellationToken);
        foreach (var record in layouts.SelectMany(layout => layout.Records))
        {
            read(record.Raw);
        }

        return layouts.Select(layout => new ChangedItem<CalendarEvent>(layout.Anchor.Id, layout.Version, Body(layout))).ToList();
    }

    public async Task<IReadOnlyList<Versioned<CalendarEvent>>> ItemsAsync(SyncScope scope, IReadOnlyList<JsonElement> records, CancellationToken cancellationToken)
    {
        var items = records.Where(r => !r.Bool("IsRecurrence2")).Select(mapper.Read).ToList();
        var keys = records.Select(r => SeriesRecord.From(r, mapper.ExternalIdField)).OfType<SeriesRecord>().Select(r => r.Key).ToHashSet();
        items.AddRange((await series.LoadAsync(scope, keys, cancellationToken)).Select(Item));
        return items;
    }

    public async Task<IReadOnlyList<Versioned<CalendarEvent>>> ChangedByDeletesAsync(SyncScope scope, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken)
    {
        if (deletedIds.Count == 0)
        {
            return [];
        }

        var keys = await series.SeriesOfDeletedAsync(scope, deletedIds, cancellationToken);
        return (await series.LoadAsync(scope, keys.ToHashSet(), cancellationToken)).Select(Item).ToList();
    }

    /// <summary>A series goes whole with <c>DELETE …/{first occurrence}/fromThisEventOnwards</c>; a plain delete removes one occurrence.</summary>
    public async Task<IReadOnlySet<string>> WholeDeletesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Where(SalesforceId.IsValid).Distinct().Chunk(SalesforceSyncLimits.IdsPerQuery))
        {
            var query = SoqlQuery.Select("Id").From(mapper.SObject).Where(SoqlCondition.In("Id", chunk)).Where(SoqlCondition.Eq("IsRecurrence2", true));
            found.UnionWith((await api.Query.ListAsync<JsonElement>(query, cancellationToken)).Select(r => r.Str("Id")!));
        }

        return found;
    }

    public async Task<IReadOnlyList<WriteOutcome>> FinishAsync(SyncScope scope, IReadOnlyList<SavedWrite<CalendarEvent>> saved, CancellationToken cancellationToken)
    {
        var losses = saved.ToDictionary(s => s.Request.Key, _ => new List<string>());
        var seriesWrites = saved.Where(s => s.Request.Body?.Recurrence is not null).ToList();
        await new SeriesOccurrenceWriter(api, series, mapper.ExternalIdField).ApplyAsync(scope, seriesWrites, losses, cancellationToken);
        var links = await relations.ApplyAsync(scope, saved.Where(s => s.Request.Links is not null)
            .Select(s => new EventRelationSync.Item(s.Request.Key, s.Id, s.Request.Links!)).ToList(), cancellationToken);
        var versions = await VersionsAsync(scope, seriesWrites, cancellationToken);

        return saved.Select(s =>
        {
            var link = links.GetValueOrDefault(s.Request.Key);
            return WriteOutcome.Success(s.Request.Key, s.Id, versions.GetValueOrDefault(s.Id, "")) with
            {
                Links = link?.Links,
                Losses = [.. losses[s.Request.Key], .. link?.Losses ?? []],
            };
        }).ToList();
    }

    /// <summary>
    /// The versions of the series written: a series item's version covers all its occurrences, moved
    /// and deleted after the save, and the next read can't tell the sync's own series writes from
    /// others' (it folds occurrences other users may have changed), so it is read back. A single
    /// event is not: its success reports an empty version and the next read returns it as the sync's
    /// own write (see <see cref="SalesforceWriter{T}"/>).
    /// </summary>
    private async Task<Dictionary<string, string>> VersionsAsync(
        SyncScope scope, IReadOnlyList<SavedWrite<CalendarEvent>> seriesWrites, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (seriesWrites.Count == 0)
        {
            return versions;
        }

        try
        {
            foreach (var layout in await series.LoadAsync(scope, seriesWrites.Select(s => s.Request.Body!.Start), cancellationToken))
            {
                foreach (var write in seriesWrites.Where(w => layout.Records.Any(r => r.Id == w.Id)))
                {
                    versions[write.Id] = layout.Version;
                }
            }
        }
        catch (SalesforceException)
        {
            // Written without a known version: the next run compares the content once more.
        }

        return versions;
    }

    private Versioned<CalendarEvent> Item(SeriesLayout layout) => new(layout.Anchor.Id, layout.Version, Body(layout));

    /// <summary>The series as one event: the anchor's fields and pattern, with the occurrences' exceptions and cancellations.</summary>
    private CalendarEvent Body(SeriesLayout layout)
    {
        var body = mapper.Read(layout.Anchor.Raw).Body;
        return body with
        {
            Recurrence = layout.Recurrence ?? body.Recurrence,
            Exceptions = layout.Exceptions,
            CancelledOccurrences = layout.Cancelled,
            PartnerId = layout.Anchor.StampedOriginal is null ? body.PartnerId : null,
        };
    }
}
