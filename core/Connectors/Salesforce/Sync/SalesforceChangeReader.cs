using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Salesforce.Changes;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>
/// Changes of one sObject for one owner since a <see cref="SalesforceCursor"/>: the ids from
/// updated/deleted, then the owner's bodies by SOQL (the updated feed spans every owner), made into
/// items by the <see cref="IRecordSet{T}"/> (an event series' occurrences fold into one item). A
/// missing, unreadable or too-old cursor becomes a full scan of Id + SystemModstamp in pages of 2,000.
/// </summary>
internal sealed class SalesforceChangeReader<T>(SalesforceApi api, IRecordMapper<T> mapper, IRecordSet<T> recordSet) where T : class
{
    public async IAsyncEnumerable<ChangePage<T>> ReadAsync(SyncScope scope, string? cursorText, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = SalesforceCursor.Truncate(api.Clock.GetUtcNow());
        var (changes, fullScan) = await StartAsync(scope, cursorText, now, cancellationToken);
        if (fullScan is { } scan)
        {
            if (scan.Reason is not null)
            {
                api.Logs.CreateLogger<SalesforceChangeReader<T>>().LogWarning("{SObject} of {Mailbox}: full scan because {Reason}", mapper.SObject, scope.Mailbox, scan.Reason);
            }

            await foreach (var page in FullScanAsync(scope, scan.Start, scan.AfterId, scan.Reason, cancellationToken))
            {
                yield return page;
            }

            yield break;
        }

        if (changes is null)
        {
            yield return new ChangePage<T>([], [], cursorText!, IsFullScan: false, IsLast: true); // window under a minute: nothing to ask
            yield break;
        }

        var chunks = changes.Updated.Distinct().Chunk(SalesforceSyncLimits.IdsPerQuery).ToList();
        var final = SalesforceCursor.Format(changes.CoveredUntil);
        var changedByDeletes = (await recordSet.ChangedByDeletesAsync(scope, changes.Deleted, cancellationToken)).Select(Changed).ToList();
        if (chunks.Count == 0)
        {
            yield return new ChangePage<T>(changedByDeletes, changes.Deleted, final, IsFullScan: false, IsLast: true);
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            var query = SoqlQuery.Select(mapper.Fields).From(mapper.SObject)
                .Where(SoqlCondition.In("Id", chunks[i])).Where(mapper.ScopeOf(scope));
            var records = await api.Query.ListAsync<JsonElement>(query, cancellationToken);
            var items = (await recordSet.ItemsAsync(scope, records, cancellationToken)).Select(Changed).ToList();
            var last = i == chunks.Count - 1;

            // Until the last page the cursor stays put: re-reading a page after a crash is harmless.
            yield return new ChangePage<T>(last ? [.. items, .. changedByDeletes] : items, last ? changes.Deleted : [], last ? final : cursorText!,
                IsFullScan: false, IsLast: last);
        }
    }

    private static ChangedItem<T> Changed(Versioned<T> item) => new(item.Id, item.Version, item.Body);

    private async Task<(ChangedIds? Changes, (DateTimeOffset Start, string? AfterId, string? Reason)? FullScan)> StartAsync(
        SyncScope scope, string? cursorText, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SalesforceCursor.TryParse(cursorText, out var cursor))
        {
            return (null, (now, null, $"the cursor '{cursorText}' is not a Salesforce cursor"));
        }

        if (cursor is null || cursor.InFullScan)
        {
            return (null, cursor is null ? (now, null, null) : (cursor.Instant, cursor.FullScanAfterId, null));
        }

        if (now - cursor.Instant > SalesforceChangeFeed.DeletedWindow)
        {
            return (null, (now, null,
                $"the cursor {SalesforceCursor.Format(cursor.Instant)} is older than the {SalesforceChangeFeed.DeletedWindow.TotalDays}-day window of sobjects/{mapper.SObject}/deleted"));
        }

        if (now - cursor.Instant <= SalesforceChangeFeed.MinimumWindow)
        {
            return (null, null);
        }

        try
        {
            return (await api.Changes.ReadAsync(mapper.SObject, cursor.Instant, now, cancellationToken), null);
        }
        catch (SalesforceException ex) when (ex.ErrorCode is SalesforceErrorCodes.InvalidReplicationDate or SalesforceErrorCodes.ExceededIdLimit)
        {
            // The delete log was purged past our cursor, or > 600,000 ids changed: a full scan is the way back.
            return (null, (now, null, $"Salesforce refused the window ({ex.ErrorCode}: {ex.SalesforceMessage})"));
        }
    }

    private async IAsyncEnumerable<ChangePage<T>> FullScanAsync(
        SyncScope scope, DateTimeOffset scanStart, string? afterId, string? reason, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = SoqlQuery.Select("Id", "SystemModstamp").From(mapper.SObject).Where(mapper.ScopeOf(scope));
        if (recordSet.ScanFilter is { } filter)
        {
            query.Where(filter);
        }

        if (afterId is not null)
        {
            query.Where(SoqlCondition.Gt("Id", afterId));
        }

        // Ordered by Id so the cursor can say how far the scan got.
        query.OrderBy("Id");
        List<ChangedItem<T>>? held = null;
        await foreach (var records in api.Query.PagesAsync<JsonElement>(query, includeDeleted: false, cancellationToken))
        {
            if (held is not null)
            {
                yield return Page(held, last: false);
            }

            held = records.Select(r => new ChangedItem<T>(r.Str("Id")!, r.Str("SystemModstamp") ?? "", null)).ToList();
        }

        yield return Page([.. held ?? [], .. await recordSet.ScanRestAsync(scope, cancellationToken)], last: true);

        ChangePage<T> Page(List<ChangedItem<T>> items, bool last) => new(
            items, [],
            last ? SalesforceCursor.Format(scanStart) : SalesforceCursor.FormatFullScan(scanStart, items.LastOrDefault()?.Id ?? afterId),
            IsFullScan: true, IsLast: last) { FullScanReason = reason };
    }
}
