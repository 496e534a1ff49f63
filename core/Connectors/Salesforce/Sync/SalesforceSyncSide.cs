using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>
/// The CRM side of the sync for one sObject, for the mailbox user's records
/// (<see cref="SyncScope.CrmUserId"/> = OwnerId). Version = SystemModstamp.
/// </summary>
internal sealed class SalesforceSyncSide<T>(SalesforceApi api, string sobject, Func<string?, IRecordMapper<T>> createMapper)
    : ISyncSide<T> where T : class
{
    public async IAsyncEnumerable<ChangePage<T>> ReadChangesAsync(
        SyncScope scope, string? cursor, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new SalesforceChangeReader<T>(api, await MapperAsync(cancellationToken));
        await foreach (var page in reader.ReadAsync(scope, cursor, cancellationToken))
        {
            yield return page;
        }
    }

    public async Task<IReadOnlyList<Versioned<T>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var mapper = await MapperAsync(cancellationToken);
        var found = new List<Versioned<T>>();
        foreach (var chunk in ids.Where(SalesforceId.IsValid).Distinct().Chunk(SalesforceSyncLimits.IdsPerQuery))
        {
            var query = SoqlQuery.Select(mapper.Fields).From(sobject).Where(SoqlCondition.In("Id", chunk));
            found.AddRange((await api.Query.ListAsync<JsonElement>(query, cancellationToken)).Select(mapper.Read));
        }

        return found;
    }

    public async Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<T>> writes, CancellationToken cancellationToken) =>
        writes.Count == 0 ? [] : await new SalesforceWriter<T>(api, await MapperAsync(cancellationToken), scope).ApplyAsync(writes, cancellationToken);

    private async Task<IRecordMapper<T>> MapperAsync(CancellationToken cancellationToken) =>
        createMapper(await api.Schema.ExternalIdFieldAsync(sobject, cancellationToken));
}
