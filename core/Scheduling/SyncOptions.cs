namespace OutlookCrm.Core.Scheduling;

/// <summary>Bound from the <c>Sync</c> section (CONTRACT.md §2).</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Run the loop inside the API process (the embedded, single-machine set-up).</summary>
    public bool RunInApi { get; set; } = true;

    /// <summary>Time between scheduled syncs of one mailbox.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Mailboxes one worker syncs at the same time.</summary>
    public int MaxConcurrentMailboxes { get; set; } = 4;

    /// <summary>How long a claim on a mailbox holds without renewal; a dead worker's mailboxes are free after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the loop looks for due mailboxes and requested runs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The public base URL (HTTPS) at which Graph reaches this product's API, e.g. <c>https://crm-sync.contoso.com</c>.
    /// When set and the Exchange connection is Graph, each synced mailbox gets change-notification subscriptions
    /// posting to <c>{NotificationUrl}/api/notifications/graph</c>; unset, the schedule alone drives the sync.
    /// </summary>
    public string? NotificationUrl { get; set; }

    /// <summary>How long a subscription is asked to live; Outlook resources allow at most 10,080 minutes.</summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A subscription that expires within this margin is renewed on its mailbox's next run.</summary>
    public TimeSpan SubscriptionRenewBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>After a stop is asked, how long a running mailbox may take to finish its current chunk before it is cancelled.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);
}
