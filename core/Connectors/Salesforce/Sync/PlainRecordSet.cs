using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>One record, one item (Contact).</summary>
internal sealed class PlainRecordSet<T>(IRecordMapper<T> mapper) : IRecordSet<T> where T : class
{
    public SoqlCondition? ScanFilter => null;

    public Task<IReadOnlyList<ChangedItem<T>>> ScanRestAsync(SyncScope scope, Action<JsonElement> read, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChangedItem<T>>>([]);

    public Task<IReadOnlyList<Versioned<T>>> ItemsAsync(SyncScope scope, IReadOnlyList<JsonElement> records, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<T>>>(records.Select(mapper.Read).ToList());

    public Task<IReadOnlyList<Versioned<T>>> ChangedByDeletesAsync(SyncScope scope, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<T>>>([]);

    public Task<IReadOnlySet<string>> WholeDeletesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    /// <summary>Nothing to finish, and no version read back: the next read of changes returns the records as the sync's own writes.</summary>
    public Task<IReadOnlyList<WriteOutcome>> FinishAsync(SyncScope scope, IReadOnlyList<SavedWrite<T>> saved, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WriteOutcome>>(saved.Select(s => WriteOutcome.Success(s.Request.Key, s.Id, "")).ToList());
}
