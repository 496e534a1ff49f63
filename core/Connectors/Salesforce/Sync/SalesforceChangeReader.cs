using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Salesforce.Changes;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>
/// Changes of one sObject for one owner since a <see cref="SalesforceCursor"/>, with their fields, in
/// SOQL pages of 2,000: the owner's records stamped (SystemModstamp) in or after the newest second seen
/// (less those already reported as they are, <see cref="NewestSecondReads"/>), and
/// the deleted ids from <c>/deleted/</c>. The <see cref="IRecordSet{T}"/> makes records into items (an
/// event series' occurrences fold into one item, and a deleted occurrence changes its series). A
/// missing, unreadable or too-old cursor becomes a full scan of the owner's records (fields included,
/// ordered by Id so a crash resumes after the last id).
/// </summary>
/// <remarks>
/// SystemModstamp is set when a record is saved, not when its transaction commits, so a query can
/// miss a record whose transaction was still open. Such a record carries a stamp at most
/// <see cref="MaxTransaction"/> older than the read; once that long has passed, the records stamped
/// in that stretch are read once more — only those another user last modified, since the records
/// the sync itself wrote were complete when it read them back.
/// </remarks>
internal sealed class SalesforceChangeReader<T>(SalesforceApi api, IRecordMapper<T> mapper, IRecordSet<T> recordSet) where T : class
{
    /// <summary>Salesforce ends an Apex transaction after 10 minutes ("Execution Governors and Limits").</summary>
    public static readonly TimeSpan MaxTransaction = TimeSpan.FromMinutes(10);

    /// <summary>How far our clock may run ahead of Salesforce's before a second we call over is not over there yet.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(2);

    public async IAsyncEnumerable<ChangePage<T>> ReadAsync(SyncScope scope, string? cursorText, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = SalesforceCursor.Truncate(api.Clock.GetUtcNow());
        var (cursor, deleted, fullScan) = await StartAsync(cursorText, now, cancellationToken);
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

        var query = SoqlQuery.Select(Fields).From(mapper.SObject).Where(mapper.ScopeOf(scope))
            .Where(await ChangedSinceAsync(cursor!, now, cancellationToken));
        var reads = new NewestSecondReads(cursor!.Seen, cursor.ReadAtSeen, followNewest: true);
        await foreach (var page in HeldBackAsync(scope, query, reads, cancellationToken))
        {
            if (!page.IsLast)
            {
                yield return new ChangePage<T>(page.Items, [], cursorText!, IsFullScan: false, IsLast: false); // re-reading a page after a crash is harmless
                continue;
            }

            var changedByDeletes = await recordSet.ChangedByDeletesAsync(scope, deleted!.Ids, cancellationToken);
            yield return new ChangePage<T>([.. page.Items, .. changedByDeletes.Select(Changed)], deleted.Ids,
                After(cursor, now, reads, deleted.CoveredUntil).ToString(), IsFullScan: false, IsLast: true);
        }
    }

    /// <summary>
    /// The cursor after an incremental read: once the look-back was read, this read is the one left to settle.
    /// When the newest record read is older than this read's second less <see cref="ClockSkewAllowance"/>,
    /// its second was over when it was read: the next read starts there with nothing to leave out, instead of
    /// reading the newest second's records again (a bulk write can stamp thousands in one second, pages of
    /// them). A record another user's transaction still held comes with the look-back, as it would anyway.
    /// </summary>
    private static SalesforceCursor After(SalesforceCursor before, DateTimeOffset now, NewestSecondReads reads, DateTimeOffset deletedUntil)
    {
        var unsettled = Settled(before, now) ? now : before.UnsettledReadAt;
        var over = now - ClockSkewAllowance;
        return reads.Seen < over
            ? SalesforceCursor.Since(unsettled, over, deletedUntil)
            : SalesforceCursor.Since(unsettled, reads.Seen, deletedUntil, reads.ReadAtSeen);
    }

    /// <summary>The unsettled read is at least <see cref="MaxTransaction"/> old: every transaction open then has ended.</summary>
    private static bool Settled(SalesforceCursor cursor, DateTimeOffset now) => now - cursor.UnsettledReadAt >= MaxTransaction;

    private async Task<SoqlCondition> ChangedSinceAsync(SalesforceCursor cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Whole seconds: Salesforce compares dateTimes without their milliseconds, so the second last seen is read again.
        var changed = SoqlCondition.Ge("SystemModstamp", cursor.Seen);
        var lookbackFrom = cursor.UnsettledReadAt - MaxTransaction;
        if (!Settled(cursor, now) || lookbackFrom > cursor.Seen)
        {
            return changed;
        }

        var stamped = SoqlCondition.Ge("SystemModstamp", lookbackFrom);
        var ours = (await api.Transport.TokenAsync(cancellationToken)).UserId;
        return SoqlCondition.Or(changed, ours is null ? stamped : SoqlCondition.And(stamped, SoqlCondition.Ne("LastModifiedById", ours)));
    }

    private async Task<(SalesforceCursor? Cursor, DeletedIds? Deleted, (DateTimeOffset Start, string? AfterId, string? Reason)? FullScan)> StartAsync(
        string? cursorText, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SalesforceCursor.TryParse(cursorText, out var cursor))
        {
            return (null, null, (now, null, $"the cursor '{cursorText}' is not a Salesforce cursor"));
        }

        if (cursor is null || cursor.InFullScan)
        {
            return (null, null, cursor is null ? (now, null, null) : (cursor.ScanStart, cursor.FullScanAfterId, null));
        }

        if (now - cursor.DeletedFrom > SalesforceChangeFeed.DeletedWindow)
        {
            return (null, null, (now, null,
                $"the cursor {SalesforceCursor.Format(cursor.DeletedFrom)} is older than the {SalesforceChangeFeed.DeletedWindow.TotalDays}-day window of sobjects/{mapper.SObject}/deleted"));
        }

        if (now - cursor.DeletedFrom <= SalesforceChangeFeed.MinimumWindow)
        {
            return (cursor, new DeletedIds([], cursor.DeletedFrom), null); // /deleted/ refuses windows under a minute: ask next time
        }

        try
        {
            return (cursor, await api.Changes.ReadDeletedAsync(mapper.SObject, cursor.DeletedFrom, now, cancellationToken), null);
        }
        catch (SalesforceException ex) when (ex.ErrorCode is SalesforceErrorCodes.InvalidReplicationDate or SalesforceErrorCodes.ExceededIdLimit)
        {
            // The delete log was purged past our cursor, or > 600,000 ids changed: a full scan is the way back.
            return (null, null, (now, null, $"Salesforce refused the window ({ex.ErrorCode}: {ex.SalesforceMessage})"));
        }
    }

    private async IAsyncEnumerable<ChangePage<T>> FullScanAsync(
        SyncScope scope, DateTimeOffset scanStart, string? afterId, string? reason, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = SoqlQuery.Select(Fields).From(mapper.SObject).Where(mapper.ScopeOf(scope));
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
        var reads = new NewestSecondReads(scanStart, new Dictionary<string, string>(StringComparer.Ordinal), followNewest: false);
        await foreach (var page in HeldBackAsync(scope, query, reads, cancellationToken))
        {
            if (!page.IsLast)
            {
                yield return new ChangePage<T>(page.Items, [], SalesforceCursor.FullScan(scanStart, page.LastId ?? afterId).ToString(), IsFullScan: true, IsLast: false)
                    { FullScanReason = reason };
                continue;
            }

            // Anything saved after the scan started is a change for the next read; the look-back covers what was still open then.
            var rest = await recordSet.ScanRestAsync(scope, record => reads.IsNew(record), cancellationToken);
            yield return new ChangePage<T>([.. page.Items, .. rest], [], SalesforceCursor.Since(scanStart, scanStart, scanStart, reads.ReadAtSeen).ToString(), IsFullScan: true, IsLast: true)
                { FullScanReason = reason };
        }
    }

    /// <summary>The mapped fields, and who changed the record last (<see cref="ChangedItem{T}.BySync"/>).</summary>
    private IEnumerable<string> Fields => mapper.Fields.Append("LastModifiedById");

    private static ChangedItem<T> Changed(Versioned<T> item) => new(item.Id, item.Version, item.Body);

    /// <summary>
    /// The query's pages as sync items (made by the record set), each held back until the next arrives so
    /// the last one is known (an empty result is one empty last page), with the page's last record id;
    /// records <paramref name="reads"/> has seen as they are are left out. An item is the sync's own write only if it is the record itself: a series
    /// item also stands for occurrences this page did not hold.
    /// </summary>
    private async IAsyncEnumerable<(List<ChangedItem<T>> Items, bool IsLast, string? LastId)> HeldBackAsync(
        SyncScope scope, SoqlQuery query, NewestSecondReads reads, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ours = (await api.Transport.TokenAsync(cancellationToken)).UserId;
        (List<ChangedItem<T>> Items, string? LastId)? held = null;
        await foreach (var page in api.Query.PagesAsync<JsonElement>(query, includeDeleted: false, cancellationToken))
        {
            if (held is { } previous)
            {
                yield return (previous.Items, false, previous.LastId);
            }

            var records = page.Where(reads.IsNew).ToList();

            var versions = records.ToDictionary(r => r.Str("Id")!, r => (Version: r.Str("SystemModstamp"), BySync: ours is not null && r.Str("LastModifiedById") == ours), StringComparer.Ordinal);
            var items = (await recordSet.ItemsAsync(scope, records, cancellationToken))
                .Select(v => Changed(v) with { BySync = versions.TryGetValue(v.Id, out var record) && record.BySync && record.Version == v.Version })
                .ToList();
            held = (items, page.Count > 0 ? page[^1].Str("Id") : null);
        }

        yield return held is { } last ? (last.Items, true, last.LastId) : ([], true, null);
    }
}
