using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Notifications;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Core.Scheduling;

/// <summary>
/// The continuous sync: every poll it tracks the configured mailboxes, makes requested ones due at
/// once, and claims due mailboxes up to the concurrency limit. Each claimed mailbox runs with its
/// lease renewed; when it ends, the lease is released with the next due time (the interval) or the
/// back-off the remote side asked for. Several processes on one PostgreSQL store share the work:
/// a mailbox is only ever held by one of them. A failed poll is logged and the loop carries on. With Graph
/// change notifications on, each run first makes sure its mailbox's subscriptions are alive (under the lease),
/// and a change of the configured mailboxes prunes the subscriptions of those that left.
/// </summary>
public sealed class SyncLoop(
    MailboxLeases leases, SyncConfigurationRepository configurations, SyncRunRepository runs, MailboxSyncJob job,
    IOptions<SyncOptions> options, TimeProvider clock, ILogger<SyncLoop> logger, GraphSubscriptionRenewer? subscriptions = null) : BackgroundService
{
    private readonly SyncOptions settings = options.Value;
    private readonly Dictionary<string, Task> running = [];
    private readonly CancellationTokenSource abort = new();
    private readonly Channel<bool> slotFreed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private HashSet<string>? tracked;
    private int active; // mailboxes claimed and not yet released

    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Sync loop {Worker} started: interval {Interval}, up to {Max} mailboxes at once", WorkerId, settings.Interval, settings.MaxConcurrentMailboxes);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PollAsync(stoppingToken);
                await NextPollAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await DrainAsync();
    }

    /// <summary>
    /// Waits for the poll interval, or less when a mailbox run ends: its slot is taken up again at once rather than
    /// idling until the next tick (with runs of a few seconds and a 2-second poll, a worker syncing a backlog — the
    /// first syncs of many mailboxes — sat idle for a third of the time).
    /// </summary>
    private async Task NextPollAsync(CancellationToken stoppingToken)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var interval = Task.Delay(settings.PollInterval, clock, woken.Token);
        await Task.WhenAny(interval, slotFreed.Reader.WaitToReadAsync(woken.Token).AsTask());
        await woken.CancelAsync();
        while (slotFreed.Reader.TryRead(out _))
        {
        }

        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>One poll; also what tests call to step the loop.</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            lock (running)
            {
                foreach (var done in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                {
                    running.Remove(done);
                }
            }

            // The lease rows change only when the configured mailboxes do, not every poll.
            var mailboxes = (await configurations.ListActiveMailboxesAsync(cancellationToken)).Select(m => m.Mailbox).ToHashSet(StringComparer.Ordinal);
            if (tracked is null || !tracked.SetEquals(mailboxes))
            {
                await leases.TrackAsync(mailboxes, cancellationToken);
                tracked = mailboxes;
                if (subscriptions is not null)
                {
                    await subscriptions.PruneAsync(mailboxes, cancellationToken);
                }
            }

            foreach (var requested in await runs.ListQueuedMailboxesAsync(cancellationToken))
            {
                await leases.MakeDueAsync(requested, cancellationToken);
            }

            var free = settings.MaxConcurrentMailboxes - Volatile.Read(ref active);
            foreach (var mailbox in await leases.ClaimDueAsync(WorkerId, free, settings.LeaseDuration, cancellationToken))
            {
                Interlocked.Increment(ref active);
                lock (running)
                {
                    running[mailbox] = Task.Run(() => RunMailboxAsync(mailbox), CancellationToken.None);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Sync loop poll failed; trying again in {Poll}", settings.PollInterval);
        }
    }

    private async Task RunMailboxAsync(string mailbox)
    {
        using var renewal = new CancellationTokenSource();
        var renewing = RenewAsync(mailbox, renewal.Token);
        MailboxRunOutcome? outcome = null;
        try
        {
            if (subscriptions is not null)
            {
                // Before the run reads, so a change made while it runs is announced rather than missed.
                await subscriptions.EnsureAsync(mailbox, abort.Token);
            }

            outcome = await job.RunAsync(mailbox, WorkerId, abort.Token);
            logger.LogInformation(
                "Mailbox run {Mailbox} {Result}: contacts +{ContactsCreated} ~{ContactsUpdated} -{ContactsDeleted}, events +{EventsCreated} ~{EventsUpdated} -{EventsDeleted}, errors {Errors}",
                mailbox, outcome.Succeeded ? "succeeded" : "failed",
                outcome.Report?.Contacts.Created.Total ?? 0, outcome.Report?.Contacts.Updated.Total ?? 0, outcome.Report?.Contacts.Deleted.Total ?? 0,
                outcome.Report?.Events.Created.Total ?? 0, outcome.Report?.Events.Updated.Total ?? 0, outcome.Report?.Events.Deleted.Total ?? 0,
                (outcome.Report?.Contacts.Errors.Count ?? 0) + (outcome.Report?.Events.Errors.Count ?? 0) + (outcome.Error is null ? 0 : 1));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Mailbox run {Mailbox} stopped", mailbox);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            var now = clock.GetUtcNow();
            var backoff = outcome?.RetryAfter is { } wait ? now + wait : (DateTimeOffset?)null;
            // A throttled run stopped part-way: it resumes once the wait is over, not a whole interval later.
            await leases.ReleaseAsync(WorkerId, mailbox, backoff ?? now + settings.Interval, backoff, CancellationToken.None);
            // Counted free before the task ends, so the poll this wakes sees the slot.
            Interlocked.Decrement(ref active);
            slotFreed.Writer.TryWrite(true);
        }
    }

    /// <summary>Keeps the claim alive while the mailbox runs (every third of the lease).</summary>
    private async Task RenewAsync(string mailbox, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(settings.LeaseDuration / 3, clock, cancellationToken);
                if (!await leases.RenewAsync(WorkerId, mailbox, settings.LeaseDuration, cancellationToken))
                {
                    logger.LogWarning("Lost the lease on {Mailbox}", mailbox);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Graceful stop: running mailboxes finish their current chunk (or are cancelled after the grace period); leases are released.</summary>
    private async Task DrainAsync()
    {
        Task[] pending;
        lock (running)
        {
            pending = [.. running.Values];
        }

        abort.CancelAfter(settings.ShutdownGrace);
        await Task.WhenAll(pending);
    }

    public override void Dispose()
    {
        abort.Dispose();
        base.Dispose();
    }
}
