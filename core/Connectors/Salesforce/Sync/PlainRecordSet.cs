using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>One record, one item (Contact).</summary>
internal sealed class PlainRecordSet<T>(SalesforceApi api, IRecordMapper<T> mapper) : IRecordSet<T> where T : class
{
    public SoqlCondition? ScanFilter => null;

    public Task<IReadOnlyList<ChangedItem<T>>> ScanRestAsync(SyncScope scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChangedItem<T>>>([]);

    public Task<IReadOnlyList<Versioned<T>>> ItemsAsync(SyncScope scope, IReadOnlyList<JsonElement> records, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<T>>>(records.Select(mapper.Read).ToList());

    public Task<IReadOnlyList<Versioned<T>>> ChangedByDeletesAsync(SyncScope scope, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<T>>>([]);

    public Task<IReadOnlySet<string>> WholeDeletesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    public async Task<IReadOnlyList<WriteOutcome>> FinishAsync(SyncScope scope, IReadOnlyList<SavedWrite<T>> saved, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(api, mapper.SObject, saved.Select(s => s.Id).ToList(), cancellationToken);
        return saved.Select(s => WriteOutcome.Success(s.Request.Key, s.Id, versions.GetValueOrDefault(s.Id, ""))).ToList();
    }

    /// <summary>
    /// SystemModstamps of records just written. On failure the writes still happened: they are told
    /// without versions rather than lost (the engine would create again); the next run compares once more.
    /// </summary>
    public static async Task<Dictionary<string, string>> VersionsAsync(SalesforceApi api, string sobject, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        try
        {
            return await SystemModstamps.ReadAsync(api, sobject, ids, cancellationToken);
        }
        catch (SalesforceException)
        {
            return [];
        }
    }
}
