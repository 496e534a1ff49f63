using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Core.Notifications;

/// <summary>One entry of a Graph notification's <c>value</c>: a change notification or a lifecycle notification.</summary>
public sealed record GraphNotification(string? SubscriptionId, string? ClientState, string? ChangeType, string? LifecycleEvent);

/// <summary>
/// Acts on a batch of Graph notifications: each must name a subscription we hold and carry its clientState,
/// else it is ignored (and logged without the secret). A genuine one makes its mailbox due at once — once per
/// mailbox per batch, and a mailbox already due stays one pending run however many notifications follow.
/// Lifecycle events: <c>subscriptionRemoved</c> drops ours (the next run subscribes again),
/// <c>reauthorizationRequired</c> has the next run renew it, and every lifecycle event also makes the mailbox
/// due, since changes may have gone unannounced.
/// </summary>
public sealed class GraphNotificationReceiver(GraphSubscriptionRepository subscriptions, MailboxLeases leases, ILogger<GraphNotificationReceiver> logger)
{
    /// <summary>Returns the mailboxes made due.</summary>
    public async Task<IReadOnlyCollection<string>> AcceptAsync(IReadOnlyList<GraphNotification> notifications, CancellationToken cancellationToken)
    {
        var ids = notifications.Select(n => n.SubscriptionId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var held = await subscriptions.FindAsync(ids, cancellationToken);
        var due = new SortedSet<string>(StringComparer.Ordinal);
        var ignored = 0;
        foreach (var notification in notifications)
        {
            if (notification.SubscriptionId is not { } id || !held.TryGetValue(id, out var subscription)
                || !ClientStateSecret.Matches(notification.ClientState, subscription.ClientStateHash))
            {
                ignored++;
                continue;
            }

            switch (notification.LifecycleEvent)
            {
                case "subscriptionRemoved":
                    await subscriptions.TakeAsync(id, cancellationToken);
                    break;
                case "reauthorizationRequired":
                    await subscriptions.RenewSoonAsync(id, cancellationToken);
                    break;
            }

            due.Add(subscription.Mailbox);
        }

        if (ignored > 0)
        {
            // Not from Graph, or for a subscription we already dropped: nothing to act on, nothing to tell the sender.
            logger.LogWarning("Ignored {Count} Graph notification(s) naming no subscription of ours or the wrong clientState", ignored);
        }

        foreach (var mailbox in due)
        {
            await leases.MakeDueAsync(mailbox, cancellationToken);
        }

        return due;
    }
}
