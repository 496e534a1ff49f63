using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Connectors.Graph.Subscriptions;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Core.Notifications;

/// <summary>
/// Keeps a contacts and an events subscription alive for every synced Graph mailbox, so an edit in Outlook
/// makes the mailbox due at once. The sync loop calls <see cref="EnsureAsync"/> while it holds the mailbox's
/// lease (so no two workers subscribe the same mailbox): a missing or expired subscription is created, one
/// expiring within <see cref="SyncOptions.SubscriptionRenewBefore"/> is renewed. <see cref="PruneAsync"/> deletes
/// those of mailboxes no longer configured — all of them when notifications are off or the connection is EWS.
/// Failures are logged and never fail a sync: the schedule remains the safety net.
/// </summary>
public sealed class GraphSubscriptionRenewer(
    GraphSubscriptionRepository store, IConnectorSource connectors, IOptions<SyncOptions> options, TimeProvider clock, ILogger<GraphSubscriptionRenewer> logger)
{
    private static readonly GraphSubscriptionResource[] Resources = [GraphSubscriptionResource.Contacts, GraphSubscriptionResource.Events];
    private readonly SyncOptions settings = options.Value;
    private readonly Uri? notificationUrl = GraphNotificationEndpoint.For(options.Value.NotificationUrl);

    public async Task EnsureAsync(string mailbox, CancellationToken cancellationToken)
    {
        if (notificationUrl is null || await ClientAsync(cancellationToken) is not { } graph)
        {
            return;
        }

        var held = await store.ListAsync(mailbox, cancellationToken);
        foreach (var resource in Resources)
        {
            var current = held.FirstOrDefault(s => s.Resource == Name(resource));
            try
            {
                await EnsureOneAsync(graph, mailbox, resource, current, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not subscribe to {Resource} changes of {Mailbox}; the schedule still syncs it", Name(resource), mailbox);
            }
        }
    }

    public async Task PruneAsync(IReadOnlySet<string> activeMailboxes, CancellationToken cancellationToken)
    {
        try
        {
            var graph = notificationUrl is null ? null : await ClientAsync(cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var stale in (await store.ListAsync(null, cancellationToken)).Where(s => graph is null || !activeMailboxes.Contains(s.Mailbox)))
            {
                if (await store.TakeAsync(stale.SubscriptionId, cancellationToken) && graph is not null && stale.ExpiresAt > now)
                {
                    await DeleteQuietlyAsync(graph, stale, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not prune the Graph subscriptions; trying again when the configured mailboxes change");
        }
    }

    private async Task EnsureOneAsync(
        IGraphSubscriptions graph, string mailbox, GraphSubscriptionResource resource, StoredSubscription? current, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (current is not null && current.NotificationUrl != notificationUrl!.AbsoluteUri)
        {
            // Sync__NotificationUrl changed: Graph keeps posting to the old address until this one is gone.
            if (await store.TakeAsync(current.SubscriptionId, cancellationToken) && current.ExpiresAt > now)
            {
                await DeleteQuietlyAsync(graph, current, cancellationToken);
            }

            current = null;
        }

        if (current is not null && current.ExpiresAt > now + settings.SubscriptionRenewBefore)
        {
            return;
        }

        if (current is not null && current.ExpiresAt > now)
        {
            try
            {
                var renewed = await graph.RenewAsync(mailbox, current.SubscriptionId, now + settings.SubscriptionLifetime, cancellationToken);
                await store.RenewedAsync(current.SubscriptionId, renewed, cancellationToken);
                return;
            }
            catch (GraphServiceException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
            {
                logger.LogInformation("Graph no longer has the {Resource} subscription of {Mailbox}; creating a new one", Name(resource), mailbox);
            }
        }

        var secret = ClientStateSecret.New();
        var created = await graph.CreateAsync(mailbox, resource, notificationUrl!, secret, now + settings.SubscriptionLifetime, cancellationToken);
        await store.SaveAsync(new StoredSubscription(mailbox, Name(resource), created.Id, ClientStateSecret.Hash(secret), notificationUrl!.AbsoluteUri, created.ExpiresAt),
            cancellationToken);
        logger.LogInformation("Subscribed to {Resource} changes of {Mailbox} until {Expiry:u}", Name(resource), mailbox, created.ExpiresAt);
    }

    private async Task DeleteQuietlyAsync(IGraphSubscriptions graph, StoredSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await graph.DeleteAsync(subscription.Mailbox, subscription.SubscriptionId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // It expires by itself; notifications for a subscription we no longer hold are ignored.
            logger.LogWarning(ex, "Could not delete the {Resource} subscription of {Mailbox}", subscription.Resource, subscription.Mailbox);
        }
    }

    /// <summary>The Graph subscription client of the stored Exchange connection; null for EWS or when none is usable.</summary>
    private async Task<IGraphSubscriptions?> ClientAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await connectors.MailboxAsync(cancellationToken) as ISubscribableMailboxConnector)?.Subscriptions;
        }
        catch (SyncRunException)
        {
            return null;
        }
    }

    private static string Name(GraphSubscriptionResource resource) => resource == GraphSubscriptionResource.Contacts ? "contacts" : "events";
}
