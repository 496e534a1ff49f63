using System.Net;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Connectors.Graph.Subscriptions;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Core.Tests.Notifications;

/// <summary>Graph's subscription calls, recorded; renewals of ids in <see cref="Lost"/> answer 404, creates fail with <see cref="CreateFailure"/>.</summary>
internal sealed class FakeGraphSubscriptions : IGraphSubscriptions
{
    private int next;

    public List<(string Mailbox, GraphSubscriptionResource Resource, Uri Url, string ClientState, DateTimeOffset Expiration)> Created { get; } = [];
    public List<(string Id, DateTimeOffset Expiration)> Renewed { get; } = [];
    public List<string> Deleted { get; } = [];
    public HashSet<string> Lost { get; } = [];
    public Exception? CreateFailure { get; set; }

    public Task<GraphSubscriptionInfo> CreateAsync(
        string mailbox, GraphSubscriptionResource resource, Uri notificationUrl, string clientState, DateTimeOffset expiration, CancellationToken cancellationToken)
    {
        if (CreateFailure is { } failure)
        {
            throw failure;
        }

        Created.Add((mailbox, resource, notificationUrl, clientState, expiration));
        return Task.FromResult(new GraphSubscriptionInfo($"sub-{++next}", expiration));
    }

    public Task<DateTimeOffset> RenewAsync(string mailbox, string subscriptionId, DateTimeOffset expiration, CancellationToken cancellationToken)
    {
        if (Lost.Contains(subscriptionId))
        {
            throw new GraphServiceException(HttpStatusCode.NotFound, "ResourceNotFound", "The object doesn't exist.");
        }

        Renewed.Add((subscriptionId, expiration));
        return Task.FromResult(expiration);
    }

    public Task DeleteAsync(string mailbox, string subscriptionId, CancellationToken cancellationToken)
    {
        Deleted.Add(subscriptionId);
        return Task.CompletedTask;
    }
}

/// <summary>The stored Exchange connection as the renewer sees it: Graph (subscribable) or EWS (not).</summary>
internal sealed class FakeConnectorSource(IMailboxConnector mailbox) : IConnectorSource
{
    public IMailboxConnector Mailbox { get; set; } = mailbox;

    public Task<IMailboxConnector> MailboxAsync(CancellationToken cancellationToken) => Task.FromResult(Mailbox);

    public Task<ICrmConnector> CrmAsync(CancellationToken cancellationToken) => throw new NotSupportedException("The renewer never needs the CRM.");
}

internal class FakeEwsConnector : IMailboxConnector
{
    public ISyncSide<Contact> Contacts => throw new NotSupportedException();
    public ISyncSide<CalendarEvent> Events => throw new NotSupportedException();

    public Task<ConnectionTestResult> TestAsync(string mailbox, CancellationToken cancellationToken) => throw new NotSupportedException();
}

internal sealed class FakeGraphConnector(FakeGraphSubscriptions subscriptions) : FakeEwsConnector, ISubscribableMailboxConnector
{
    public IGraphSubscriptions Subscriptions { get; } = subscriptions;
}
