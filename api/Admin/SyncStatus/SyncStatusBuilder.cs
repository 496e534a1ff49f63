using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;

namespace OutlookCrm.Api.Admin.SyncStatus;

/// <summary>Builds a mailbox's status from its runs (the last finished run's report) and its stored item errors.</summary>
public sealed class SyncStatusBuilder(SyncRunRepository runs, SyncConfigurationRepository configurations, SyncStatusQueries queries)
{
    /// <summary>Null when the mailbox is in no configuration and was never synced.</summary>
    public async Task<SyncStatusResponse?> BuildAsync(string mailbox, CancellationToken cancellationToken)
    {
        mailbox = mailbox.Trim().ToLowerInvariant();
        var configuration = await configurations.FindActiveForMailboxAsync(mailbox, cancellationToken);
        var latest = (await runs.ListLatestAsync(mailbox, 1, cancellationToken)).FirstOrDefault();
        if (configuration is null && latest is null && !await configurations.IsListedAsync(mailbox, cancellationToken))
        {
            return null;
        }

        var finished = await runs.FindLatestFinishedAsync(mailbox, succeededOnly: false, cancellationToken);
        var succeeded = finished?.State == SyncRunStates.Succeeded ? finished : await runs.FindLatestFinishedAsync(mailbox, succeededOnly: true, cancellationToken);
        var errors = await queries.ItemErrorsAsync(mailbox, cancellationToken);
        var state = latest?.State switch
        {
            SyncRunStates.Queued or SyncRunStates.Running => latest.State,
            _ => finished?.State == SyncRunStates.Failed ? "failed" : "idle",
        };

        ObjectStatus Status(ObjectKind kind, ObjectSyncReport? report) => new(
            state, finished?.FinishedAt, succeeded?.FinishedAt,
            Counts(report?.Created), Counts(report?.Updated), Counts(report?.Deleted), report?.Conflicts ?? 0,
            (report?.Errors ?? []).Select(e => new ItemErrorResponse(e.Item, e.Code, e.Message, e.Side)).ToList(),
            errors.Where(e => e.Unresolved && e.ObjectKind == kind.StoreName())
                .Select(e => new UnresolvedItemResponse(e.Id, e.ItemId, e.Code, e.Message, e.Attempts, e.Side)).ToList(),
            (report?.Losses ?? []).Select(l => new ItemLossResponse(l.Item, l.Side, l.What)).ToList());

        var report = finished?.Report;
        return new SyncStatusResponse(
            mailbox, configuration?.Name ?? report?.Configuration, Status(ObjectKind.Contact, report?.Contacts), Status(ObjectKind.Event, report?.Events));
    }

    private static SideCountsResponse Counts(SideCounts? counts) => new(counts?.Crm ?? 0, counts?.Exchange ?? 0);
}
