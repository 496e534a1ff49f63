using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Connectors.Salesforce.Sync;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Series;

/// <summary>
/// Reads whole series. The occurrences of a Lightning series share their owner, <c>Recurrence2PatternStartDate</c>,
/// <c>Recurrence2PatternText</c> and <c>Recurrence2PatternTimeZone</c> (the API exposes no series id on Event):
/// one query per 200 pattern starts returns every occurrence of every series wanted (and of any other series of
/// the owner starting then), and the pattern's text and zone tell the series apart (<see cref="SeriesKey"/>).
/// </summary>
internal sealed class SeriesQueries(SalesforceApi api, EventMapper mapper)
{
    /// <summary>Every occurrence of the owner's series that start at <paramref name="patternStarts"/>, laid out per series.</summary>
    public async Task<IReadOnlyList<SeriesLayout>> LoadAsync(SyncScope scope, IEnumerable<DateTimeOffset> patternStarts, CancellationToken cancellationToken)
    {
        var records = new List<SeriesRecord>();
        foreach (var chunk in patternStarts.Distinct().Chunk(SalesforceSyncLimits.IdsPerQuery))
        {
            // LastModifiedById: a full scan fingerprints what it read (NewestSecondReads).
            var query = SoqlQuery.Select(mapper.Fields.Append("LastModifiedById")).From(mapper.SObject)
                .Where(SoqlCondition.Eq("OwnerId", ContactMapper.OwnerOf(scope)))
                .Where(SoqlCondition.Eq("IsChild", false))
                .Where(SoqlCondition.Eq("IsRecurrence2", true))
                .Where(SoqlCondition.InDateTimes("Recurrence2PatternStartDate", chunk));
            records.AddRange((await api.Query.ListAsync<JsonElement>(query, cancellationToken))
                .Select(r => SeriesRecord.From(r, mapper.ExternalIdField)).OfType<SeriesRecord>());
        }

        return SeriesLayout.Group(records);
    }

    /// <summary>The series of <paramref name="keys"/> only, with the same one query per 200 pattern starts.</summary>
    public async Task<IReadOnlyList<SeriesLayout>> LoadAsync(SyncScope scope, IReadOnlyCollection<SeriesKey> keys, CancellationToken cancellationToken) =>
        keys.Count == 0
            ? []
            : (await LoadAsync(scope, keys.Select(k => k.PatternStart), cancellationToken)).Where(layout => keys.Contains(layout.Key)).ToList();

    /// <summary>
    /// The series that deleted records belonged to (queryAll still returns a deleted record for a
    /// while): deleting one occurrence changes its series.
    /// </summary>
    public async Task<IReadOnlyList<SeriesKey>> SeriesOfDeletedAsync(SyncScope scope, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken)
    {
        var keys = new List<SeriesKey>();
        foreach (var chunk in deletedIds.Where(Write.SalesforceId.IsValid).Distinct().Chunk(SalesforceSyncLimits.IdsPerQuery))
        {
            var query = SoqlQuery.Select("Id", "Recurrence2PatternStartDate", "Recurrence2PatternText", "Recurrence2PatternTimeZone").From(mapper.SObject)
                .Where(SoqlCondition.In("Id", chunk))
                .Where(SoqlCondition.Eq("OwnerId", ContactMapper.OwnerOf(scope)))
                .Where(SoqlCondition.Eq("IsRecurrence2", true));
            await foreach (var page in api.Query.PagesAsync<JsonElement>(query, includeDeleted: true, cancellationToken))
            {
                keys.AddRange(page.Select(SeriesKey.Of).OfType<SeriesKey>());
            }
        }

        return keys.Distinct().ToList();
    }
}
