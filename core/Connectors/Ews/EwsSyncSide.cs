using System.Runtime.CompilerServices;
using OutlookCrm.Core.Connectors.Ews.Mapping;
using OutlookCrm.Core.Connectors.Ews.Operations;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>
/// One folder of one impersonated mailbox as the sync engine sees it: SyncFolderItems pages (the
/// SyncState is the cursor), GetItem for bodies, batched writes with one outcome per item.
/// </summary>
public sealed class EwsSyncSide<T>(EwsSoapClient client, IEwsItemMapper<T> mapper, EwsConnectorOptions options) : ISyncSide<T>
    where T : class
{
    private readonly SyncFolderItemsOperation sync = new(client);
    private readonly GetItemOperation getItem = new(client, options.GetItemBatchSize);

    public async IAsyncEnumerable<ChangePage<T>> ReadChangesAsync(SyncScope scope, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fullScan = string.IsNullOrEmpty(cursor);
        string? fullScanReason = null;
        var state = cursor;
        while (true)
        {
            SyncFolderItemsResult result;
            try
            {
                result = await sync.ExecuteAsync(mapper.FolderId, state, scope.Mailbox, cancellationToken);
            }
            catch (EwsException ex) when (ex.Code == EwsCodes.InvalidSyncStateData && !fullScan)
            {
                // The saved SyncState expired or is corrupt: start over, and say so on every page.
                (fullScan, fullScanReason, state) = (true, ex.Code, null);
                continue;
            }

            yield return await PageAsync(scope, result, fullScan, fullScanReason, cancellationToken);
            if (result.IncludesLastItemInRange)
            {
                yield break;
            }

            state = result.SyncState;
        }
    }

    public async Task<IReadOnlyList<Versioned<T>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var items = await getItem.ExecuteAsync(ids, mapper.FieldUris, scope.Mailbox, item =>
            item.Element(EwsXml.T + "ItemId") is { } id ? new Versioned<T>((string)id.Attribute("Id")!, (string?)id.Attribute("ChangeKey") ?? "", mapper.Read(item)) : null,
            cancellationToken);
        return items.OfType<Versioned<T>>().ToList();
    }

    public Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<T>> writes, CancellationToken cancellationToken) =>
        new EwsWriter<T>(client, mapper, options.WriteBatchSize).ApplyAsync(scope.Mailbox, writes, cancellationToken);

    private async Task<ChangePage<T>> PageAsync(SyncScope scope, SyncFolderItemsResult result, bool fullScan, string? reason, CancellationToken cancellationToken)
    {
        // Later changes to the same item in one page supersede earlier ones.
        var latest = new Dictionary<string, EwsItemChange>(StringComparer.Ordinal);
        var deleted = new List<string>();
        foreach (var change in result.Changes)
        {
            if (change.Kind == EwsChangeKind.Delete)
            {
                latest.Remove(change.Id);
                deleted.Add(change.Id);
            }
            else if (change.Kind is EwsChangeKind.Create or EwsChangeKind.Update && change.ItemType == mapper.ItemElement)
            {
                latest[change.Id] = change;
            }
        }

        IReadOnlyList<ChangedItem<T>> changed = latest.Values.Select(c => new ChangedItem<T>(c.Id, c.ChangeKey ?? "", null)).ToList();
        if (mapper.ReadsBodiesForScope && changed.Count > 0)
        {
            var bodies = await ReadAsync(scope, changed.Select(c => c.Id).ToList(), cancellationToken);
            changed = bodies.Where(v => mapper.InScope(v.Body, scope)).Select(v => new ChangedItem<T>(v.Id, v.Version, v.Body)).ToList();
        }

        return new ChangePage<T>(changed, deleted, result.SyncState, fullScan, result.IncludesLastItemInRange) { FullScanReason = reason };
    }
}
