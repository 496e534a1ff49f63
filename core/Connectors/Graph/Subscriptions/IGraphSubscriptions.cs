using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph.Subscriptions;

/// <summary>The mailbox folders the product subscribes to: the two it syncs.</summary>
public enum GraphSubscriptionResource { Contacts, Events }

/// <summary>A subscription as Graph answered it: its id and the expiry Graph granted.</summary>
public sealed record GraphSubscriptionInfo(string Id, DateTimeOffset ExpiresAt);

/// <summary>Create, renew and delete change-notification subscriptions (the renewer's view of Graph).</summary>
public interface IGraphSubscriptions
{
    Task<GraphSubscriptionInfo> CreateAsync(
        string mailbox, GraphSubscriptionResource resource, Uri notificationUrl, string clientState, DateTimeOffset expiration,
        CancellationToken cancellationToken);

    /// <summary>Returns the new expiry. Throws <see cref="GraphServiceException"/> 404 when Graph no longer has it.</summary>
    Task<DateTimeOffset> RenewAsync(string mailbox, string subscriptionId, DateTimeOffset expiration, CancellationToken cancellationToken);

    Task DeleteAsync(string mailbox, string subscriptionId, CancellationToken cancellationToken);
}

/// <summary>A mailbox connector that can subscribe to change notifications (Graph; EWS has its own, unused, mechanisms).</summary>
public interface ISubscribableMailboxConnector : IMailboxConnector
{
    IGraphSubscriptions Subscriptions { get; }
}
