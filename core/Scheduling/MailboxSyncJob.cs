using System.Net;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Core.Scheduling;

/// <summary>How one mailbox run ended: the report (when the run got that far), the error, and how long the remote side asked us to wait.</summary>
public sealed record MailboxRunOutcome(string Mailbox, string? RunId, MailboxSyncReport? Report, string? Error, TimeSpan? RetryAfter)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// One recorded run of one mailbox, for the loop and <c>--once</c> alike: find its active configuration,
/// open a run row (taking over a requested one), sync with progress, and close the row with the report
/// or the error. It never throws for a failed sync: the failure is the outcome.
/// </summary>
public sealed class MailboxSyncJob(
    SyncConfigurationRepository configurations, SyncRunRepository runs, MailboxSyncRunner runner, ILogger<MailboxSyncJob> logger)
{
    public async Task<MailboxRunOutcome> RunAsync(string mailbox, string workerId, CancellationToken cancellationToken)
    {
        var configuration = await configurations.FindActiveForMailboxAsync(mailbox, cancellationToken);
        var runId = await runs.StartAsync(mailbox, workerId, cancellationToken);
        if (configuration is null)
        {
            const string notConfigured = "The mailbox is in no active sync configuration.";
            await runs.FinishAsync(runId, null, notConfigured, CancellationToken.None);
            return new MailboxRunOutcome(mailbox, runId, null, notConfigured, null);
        }

        var progress = new ThrottledProgress(runs, runId, cancellationToken);
        try
        {
            var report = await runner.RunAsync(configuration, mailbox, progress, cancellationToken);
            await progress.FlushAsync();
            await runs.FinishAsync(runId, report, null, CancellationToken.None);
            return new MailboxRunOutcome(mailbox, runId, report, null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (error, retryAfter) = ex switch
            {
                SyncDeferredException deferred => ($"{deferred.Code}: {deferred.Message}", deferred.RetryAfter ?? TimeSpan.FromMinutes(1)),
                // A read throttled for longer than the HTTP layer waits in-line: the mailbox backs off as asked.
                GraphServiceException { Status: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } graph =>
                    ($"{graph.Code}: {graph.GraphMessage}", graph.RetryAfter ?? TimeSpan.FromMinutes(1)),
                EwsServerBusyException busy => ($"{busy.Code}: {busy.Message}", busy.BackOff ?? TimeSpan.FromMinutes(1)),
                SyncRunException run => ($"{run.Code}: {run.Message}", (TimeSpan?)null),
                _ => ($"{ex.GetType().Name}: {ex.Message}", null),
            };
            logger.LogWarning(ex, "Sync of {Mailbox} failed: {Error}", mailbox, error);
            await runs.FinishAsync(runId, null, error, CancellationToken.None);
            return new MailboxRunOutcome(mailbox, runId, null, error, retryAfter);
        }
        catch (OperationCanceledException)
        {
            await runs.FinishAsync(runId, null, "Stopped: the worker shut down during the run; the next run continues from the last saved chunk.", CancellationToken.None);
            throw;
        }
    }

    /// <summary>Writes progress to the run row at most once a second, so a long first sync shows it moving without a write per chunk.</summary>
    private sealed class ThrottledProgress(SyncRunRepository runs, string runId, CancellationToken cancellationToken) : IProgress<SyncProgress>
    {
        private long lastWrite;
        private SyncProgress latest;

        public void Report(SyncProgress value)
        {
            latest = value;
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref lastWrite) >= 1000)
            {
                Interlocked.Exchange(ref lastWrite, now);
                _ = WriteAsync(value);
            }
        }

        private async Task WriteAsync(SyncProgress value)
        {
            try
            {
                await runs.ReportProgressAsync(runId, value.Done, value.Total, cancellationToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or OperationCanceledException)
            {
                // Progress is informational; the run's outcome is written by FinishAsync.
            }
        }

        public Task FlushAsync() => runs.ReportProgressAsync(runId, latest.Done, latest.Total, CancellationToken.None);
    }
}
