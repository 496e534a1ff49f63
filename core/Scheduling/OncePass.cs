using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Core.Scheduling;

/// <summary>
/// <c>sync-worker --once</c>: every active mailbox (or one) synced once, one after the other, each under
/// its lease so a running worker never syncs it at the same time; a mailbox another worker holds is
/// reported as skipped (not succeeded).
/// </summary>
public sealed class OncePass(
    MailboxLeases leases, SyncConfigurationRepository configurations, MailboxSyncJob job, IOptions<SyncOptions> options, TimeProvider clock)
{
    private readonly string workerId = $"{Environment.MachineName}:{Environment.ProcessId}:once";

    public async Task<IReadOnlyList<MailboxRunOutcome>> RunAsync(string? onlyMailbox, CancellationToken cancellationToken)
    {
        var mailboxes = onlyMailbox is not null
            ? [onlyMailbox.Trim().ToLowerInvariant()]
            : (await configurations.ListActiveMailboxesAsync(cancellationToken)).Select(m => m.Mailbox).Distinct().ToList();
        var outcomes = new List<MailboxRunOutcome>();
        foreach (var mailbox in mailboxes)
        {
            if (!await leases.TryClaimAsync(workerId, mailbox, options.Value.LeaseDuration, cancellationToken))
            {
                outcomes.Add(new MailboxRunOutcome(mailbox, null, null, "Skipped: another worker is syncing this mailbox.", null));
                continue;
            }

            MailboxRunOutcome? outcome = null;
            try
            {
                outcome = await job.RunAsync(mailbox, workerId, cancellationToken);
                outcomes.Add(outcome);
            }
            finally
            {
                var now = clock.GetUtcNow();
                var backoff = outcome?.RetryAfter is { } wait ? now + wait : (DateTimeOffset?)null;
                await leases.ReleaseAsync(workerId, mailbox, backoff ?? now + options.Value.Interval, backoff, CancellationToken.None);
            }
        }

        return outcomes;
    }

    /// <summary>One line per mailbox: what each run created, updated and deleted, its errors, and the result.</summary>
    public static string Summary(IReadOnlyList<MailboxRunOutcome> outcomes)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"mailbox",-32} {"contacts +/~/-",-16} {"events +/~/-",-16} {"errors",6}  result");
        foreach (var o in outcomes)
        {
            var contacts = o.Report is { } r ? $"{r.Contacts.Created.Total}/{r.Contacts.Updated.Total}/{r.Contacts.Deleted.Total}" : "-";
            var events = o.Report is { } e ? $"{e.Events.Created.Total}/{e.Events.Updated.Total}/{e.Events.Deleted.Total}" : "-";
            var errors = (o.Report?.Contacts.Errors.Count ?? 0) + (o.Report?.Events.Errors.Count ?? 0);
            text.AppendLine(CultureInfo.InvariantCulture, $"{o.Mailbox,-32} {contacts,-16} {events,-16} {errors,6}  {(o.Succeeded ? "ok" : o.Error)}");
        }

        if (outcomes.Count == 0)
        {
            text.AppendLine("No active mailbox: define a sync configuration (PUT /api/admin/sync-configurations/{name}).");
        }

        return text.ToString();
    }
}
