using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph.Dtos;

namespace OutlookCrm.Core.Connectors.Graph.Subscriptions;

/// <summary>
/// Graph change-notification subscriptions (<c>POST/PATCH/DELETE /subscriptions</c>) for a mailbox's contacts
/// or events, app-only (<c>users/{upn}/contacts</c>, <c>users/{upn}/events</c>). Creating one makes Graph
/// post a <c>validationToken</c> to the notification URL and wait for the echo before it answers 201.
/// </summary>
public sealed class GraphSubscriptionClient(GraphHttp http) : IGraphSubscriptions
{
    /// <summary>Every change that matters to the sync: a created, edited or deleted item.</summary>
    public const string ChangeTypes = "created,updated,deleted";

    public async Task<GraphSubscriptionInfo> CreateAsync(
        string mailbox, GraphSubscriptionResource resource, Uri notificationUrl, string clientState, DateTimeOffset expiration,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["changeType"] = ChangeTypes,
            ["notificationUrl"] = notificationUrl.AbsoluteUri,
            // Outlook sends subscriptionRemoved and missed lifecycle events; the same endpoint takes them.
            ["lifecycleNotificationUrl"] = notificationUrl.AbsoluteUri,
            ["resource"] = ResourcePath(mailbox, resource),
            ["expirationDateTime"] = Format(expiration),
            ["clientState"] = clientState,
            ["latestSupportedTlsVersion"] = "v1_2",
        };
        var created = await http.SendAsync(mailbox, HttpMethod.Post, "subscriptions", "graph.subscriptions.create", GraphResource.Other, body, cancellationToken);
        var dto = created is { } json ? GraphJson.Read<SubscriptionDto>(json) : throw new InvalidOperationException("Graph answered the subscription request without a body.");
        return new GraphSubscriptionInfo(dto.Id ?? throw new InvalidOperationException("Graph's subscription has no id."), dto.ExpirationDateTime ?? expiration);
    }

    public async Task<DateTimeOffset> RenewAsync(string mailbox, string subscriptionId, DateTimeOffset expiration, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["expirationDateTime"] = Format(expiration) };
        var renewed = await http.SendAsync(mailbox, HttpMethod.Patch, $"subscriptions/{GraphHttp.Escape(subscriptionId)}", "graph.subscriptions.renew",
            GraphResource.Other, body, cancellationToken);
        return renewed is { } json ? GraphJson.Read<SubscriptionDto>(json).ExpirationDateTime ?? expiration : expiration;
    }

    /// <summary>Deletes the subscription; one Graph no longer has (expired, removed) counts as deleted.</summary>
    public async Task DeleteAsync(string mailbox, string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await http.SendAsync(mailbox, HttpMethod.Delete, $"subscriptions/{GraphHttp.Escape(subscriptionId)}", "graph.subscriptions.delete",
                GraphResource.Other, null, cancellationToken);
        }
        catch (GraphServiceException e) when (e.Status == HttpStatusCode.NotFound)
        {
        }
    }

    public static string ResourcePath(string mailbox, GraphSubscriptionResource resource) =>
        GraphHttp.UserPath(mailbox, resource == GraphSubscriptionResource.Contacts ? "contacts" : "events");

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private sealed record SubscriptionDto(string? Id, string? Resource, DateTimeOffset? ExpirationDateTime);
}
