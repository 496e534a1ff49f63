using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>
/// The CRM side of the sync for one sObject, for the mailbox user's records
/// (<see cref="SyncScope.CrmUserId"/> = OwnerId). Version = SystemModstamp (of a whole series, for events).
/// </summary>
internal sealed class SalesforceSyncSide<T>(
    SalesforceApi api, string sobject, Func<string?, IRecordMapper<T>> createMapper, Func<IRecordMapper<T>, IRecordSet<T>> createRecordSet)
    : ISyncSide<T> where T : class
{
    public async IAsyncEnumerable<ChangePage<T>> ReadChangesAsync(
        SyncScope scope, string? cursor, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(cancellationToken);
        var reader = new SalesforceChangeReader<T>(api, mapper, createRecordSet(mapper));
        await foreach (var page in reader.ReadAsync(scope, cursor, cancellationToken))
        {
            yield return page;
        }
    }

    public async Task<IReadOnlyList<Versioned<T>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(cancellationToken);
        var records = new List<JsonElement>();
        foreach (var chunk in ids.Where(SalesforceId.IsValid).Distinct().Chunk(SalesforceSyncLimits.IdsPerQuery))
        {
            var query = SoqlQuery.Select(mapper.Fields).From(sobject).Where(SoqlCondition.In("Id", chunk));
            records.AddRange(await api.Query.ListAsync<JsonElement>(query, cancellationToken));
        }

        return records.Count == 0 ? [] : await createRecordSet(mapper).ItemsAsync(scope, records, cancellationToken);
    }

    public async Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<T>> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return [];
        }

        var mapper = await MapperAsync(cancellationToken);
        return await new SalesforceWriter<T>(api, mapper, createRecordSet(mapper), scope).ApplyAsync(writes, cancellationToken);
    }

    private async Task<IRecordMapper<T>> MapperAsync(CancellationToken cancellationToken) =>
        createMapper(await api.Schema.ExternalIdFieldAsync(sobject, cancellationToken));
}
