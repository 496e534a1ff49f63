using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange.Auth;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph.Subscriptions;

/// <summary>
/// <c>/v1.0/subscriptions</c> for Outlook contacts and events, app-only: create (checked as Graph checks it, then
/// the notificationUrl handshake), get, list (the caller app's own), renew by PATCH, delete. Every write to a
/// subscribed folder — by Graph, EWS or an admin edit standing for a person in Outlook — queues a notification.
/// </summary>
public sealed class GraphSubscriptions : IAsyncDisposable
{
    /// <summary>Outlook messages, events and personal contacts live at most 10,080 minutes (7 days).</summary>
    public const int MaxLifetimeMinutes = 10_080;

    private static readonly HashSet<string> KnownChangeTypes = new(StringComparer.Ordinal) { "created", "updated", "deleted" };
    private readonly IMailboxStore store;
    private readonly ConcurrentDictionary<string, GraphSubscription> byId = new(StringComparer.OrdinalIgnoreCase);

    public GraphSubscriptions(IMailboxStore store, NotificationSender sender)
    {
        this.store = store;
        Sender = sender;
        store.Changed += Announce;
    }

    public NotificationSender Sender { get; }

    /// <summary>The live subscriptions (expired ones are gone, as at Graph).</summary>
    public IReadOnlyList<GraphSubscription> All => byId.Values.Where(s => s.ExpirationDateTime > DateTimeOffset.UtcNow).OrderBy(s => s.Id).ToList();

    public async Task<GraphResult> CreateAsync(GraphCall call, CancellationToken cancellationToken)
    {
        if (Validate(call) is { } invalid)
        {
            return invalid;
        }

        var body = (JsonObject)call.Body!;
        var resource = GraphJson.String(body["resource"])!;
        var target = Target(call, resource);
        if (target.Error is { } targetError)
        {
            return targetError;
        }

        var notificationUrl = GraphJson.String(body["notificationUrl"])!;
        var lifecycleUrl = GraphJson.String(body["lifecycleNotificationUrl"]);
        foreach (var url in new[] { notificationUrl, lifecycleUrl }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await Sender.ValidateAsync(url, cancellationToken) is var (code, message))
            {
                return GraphErrors.Error(400, code, message, call.ClientRequestId);
            }
        }

        var subscription = new GraphSubscription(
            Guid.NewGuid().ToString(), resource, ChangeTypes(body), notificationUrl, lifecycleUrl, GraphJson.String(body["clientState"]),
            Expiry(body), call.Caller.AppId ?? "", target.Mailbox!.Id, target.Folder, GraphJson.String(body["latestSupportedTlsVersion"]) ?? "v1_2");
        byId[subscription.Id] = subscription;
        return new GraphResult(201, WithContext(call, subscription.ToJson(), "$entity"));
    }

    public GraphResult Get(GraphCall call, string? id)
    {
        if (id is null)
        {
            var mine = All.Where(s => s.ApplicationId == (call.Caller.AppId ?? "")).Select(s => (JsonNode)s.ToJson()).ToArray();
            return new GraphResult(200, new JsonObject { ["@odata.context"] = $"{call.BaseUrl}/v1.0/$metadata#subscriptions", ["value"] = new JsonArray(mine) });
        }

        return Find(call, id) is { } subscription ? new GraphResult(200, WithContext(call, subscription.ToJson(), "$entity")) : NotFound(call, id);
    }

    /// <summary>Renewal: a new <c>expirationDateTime</c> (and optionally a new <c>notificationUrl</c>, not validated here).</summary>
    public GraphResult Update(GraphCall call, string id)
    {
        if (Find(call, id) is not { } subscription)
        {
            return NotFound(call, id);
        }

        if (call.Body is not JsonObject body)
        {
            return GraphErrors.BadRequest(call, "A subscription object is required in the request body.", "BadRequest");
        }

        if (ExpirationError(call, body) is { } expiryError)
        {
            return expiryError;
        }

        var renewed = subscription with
        {
            ExpirationDateTime = Expiry(body),
            NotificationUrl = GraphJson.String(body["notificationUrl"]) ?? subscription.NotificationUrl,
        };
        byId[id] = renewed;
        return new GraphResult(200, WithContext(call, renewed.ToJson(), "$entity"));
    }

    public GraphResult Delete(GraphCall call, string id) =>
        Find(call, id) is { } subscription && byId.TryRemove(subscription.Id, out _) ? new GraphResult(204) : NotFound(call, id);

    /// <summary>Sends a lifecycle notification (<c>missed</c>, <c>subscriptionRemoved</c>, <c>reauthorizationRequired</c>); removal also drops it.</summary>
    public bool Lifecycle(string id, string lifecycleEvent)
    {
        if (!byId.TryGetValue(id, out var subscription) || subscription.LifecycleNotificationUrl is not { } url)
        {
            return false;
        }

        if (lifecycleEvent == "subscriptionRemoved")
        {
            byId.TryRemove(id, out _);
        }

        var notification = Envelope(subscription);
        notification["lifecycleEvent"] = lifecycleEvent;
        Sender.Enqueue(url, notification);
        return true;
    }

    public void Reset() => byId.Clear();

    private void Announce(StoreChange change)
    {
        foreach (var subscription in byId.Values)
        {
            if (subscription.Mailbox != change.Mailbox || subscription.Folder != change.Folder || !subscription.Covers(change.Kind)
                || subscription.ExpirationDateTime <= DateTimeOffset.UtcNow)
            {
                continue;
            }

            var isContact = change.Folder == FolderKind.Contacts;
            var path = $"Users/{change.Mailbox}/{(isContact ? "Contacts" : "Events")}/{new ItemId(ItemIdKind.Item, change.Mailbox, change.Item).ToGraph()}";
            var notification = Envelope(subscription);
            notification["changeType"] = change.Kind switch { ChangeKind.Create => "created", ChangeKind.Update => "updated", _ => "deleted" };
            notification["resource"] = path;
            notification["resourceData"] = new JsonObject
            {
                ["@odata.type"] = isContact ? "#Microsoft.Graph.Contact" : "#Microsoft.Graph.Event",
                ["@odata.id"] = path,
                ["@odata.etag"] = $"W/\"{change.ChangeKey}\"",
                ["id"] = new ItemId(ItemIdKind.Item, change.Mailbox, change.Item).ToGraph(),
            };
            Sender.Enqueue(subscription.NotificationUrl, notification);
        }
    }

    private static JsonObject Envelope(GraphSubscription subscription)
    {
        var notification = new JsonObject
        {
            ["subscriptionId"] = subscription.Id,
            ["subscriptionExpirationDateTime"] = GraphSubscription.Instant(subscription.ExpirationDateTime),
            ["tenantId"] = EntraEmulator.DefaultTenantId,
        };
        if (subscription.ClientState is { } clientState)
        {
            notification["clientState"] = clientState;
        }

        return notification;
    }

    /// <summary>The checks Graph makes on the body before it calls the notification URL.</summary>
    private static GraphResult? Validate(GraphCall call)
    {
        if (call.Body is not JsonObject body)
        {
            return GraphErrors.BadRequest(call, "A subscription object is required in the request body.", "BadRequest");
        }

        var changeTypes = GraphJson.String(body["changeType"]);
        if (string.IsNullOrWhiteSpace(changeTypes) || changeTypes.Split(',').Any(t => !KnownChangeTypes.Contains(t.Trim())))
        {
            return GraphErrors.BadRequest(call, $"Invalid changeType '{changeTypes}': use created, updated, deleted, comma-separated.", "InvalidRequest");
        }

        foreach (var field in new[] { "notificationUrl", "lifecycleNotificationUrl" })
        {
            var url = GraphJson.String(body[field]);
            if (url is null && field == "lifecycleNotificationUrl")
            {
                continue;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            {
                return GraphErrors.BadRequest(call, $"{char.ToUpperInvariant(field[0])}{field[1..]} '{url}' is not an absolute URL.", "InvalidRequest");
            }

            if (parsed.Scheme != Uri.UriSchemeHttps)
            {
                return GraphErrors.BadRequest(call, $"{char.ToUpperInvariant(field[0])}{field[1..]} scheme='{parsed.Scheme}' is not supported.", "InvalidRequest");
            }
        }

        if (string.IsNullOrWhiteSpace(GraphJson.String(body["resource"])))
        {
            return GraphErrors.BadRequest(call, "resource is a required property for subscription creation.", "InvalidRequest");
        }

        if (GraphJson.String(body["clientState"]) is { Length: > 128 })
        {
            return GraphErrors.BadRequest(call, "clientState can be at most 128 characters.", "InvalidRequest");
        }

        return ExpirationError(call, body);
    }

    private static GraphResult? ExpirationError(GraphCall call, JsonObject body)
    {
        var text = GraphJson.String(body["expirationDateTime"]);
        if (text is null)
        {
            return GraphErrors.BadRequest(call, "expirationDateTime is a required property for subscription creation.", "InvalidRequest");
        }

        if (!TryParseInstant(text, out var expiry))
        {
            return GraphErrors.BadRequest(call, $"expirationDateTime '{text}' is not a valid date and time.", "InvalidRequest");
        }

        var now = DateTimeOffset.UtcNow;
        if (expiry <= now)
        {
            return GraphErrors.BadRequest(call, "Subscription expiration must be in the future.", "ExtensionError");
        }

        return expiry > now.AddMinutes(MaxLifetimeMinutes)
            ? GraphErrors.BadRequest(call, $"Subscription expiration can only be {MaxLifetimeMinutes} minutes in the future.", "ExtensionError")
            : null;
    }

    private static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out instant);

    private static DateTimeOffset Expiry(JsonObject body) =>
        TryParseInstant(GraphJson.String(body["expirationDateTime"])!, out var instant) ? instant : throw new FormatException("expirationDateTime");

    /// <summary><c>users/{id|upn}/contacts</c> or <c>users/{id|upn}/events</c> (a leading slash allowed), with Graph's access checks.</summary>
    private (MailboxInfo? Mailbox, FolderKind Folder, GraphResult? Error) Target(GraphCall call, string resource)
    {
        var s = resource.Trim('/').Split('/');
        if (s.Length >= 1 && s[0].Equals("me", StringComparison.OrdinalIgnoreCase))
        {
            return (null, default, GraphErrors.BadRequest(call, "/me request is only valid with delegated authentication flow.", "BadRequest"));
        }

        if (s.Length != 3 || !s[0].Equals("users", StringComparison.OrdinalIgnoreCase)
            || !(s[2].Equals("contacts", StringComparison.OrdinalIgnoreCase) || s[2].Equals("events", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, default, GraphErrors.BadRequest(call, $"Resource '{resource}' is not supported: use users/{{id}}/contacts or users/{{id}}/events.", "InvalidRequest"));
        }

        var folder = s[2].Equals("contacts", StringComparison.OrdinalIgnoreCase) ? FolderKind.Contacts : FolderKind.Calendar;
        var box = store.FindMailbox(Uri.UnescapeDataString(s[1]));
        if (box is null)
        {
            return (null, folder, GraphErrors.Error(404, "ErrorInvalidUser", $"The requested user '{Uri.UnescapeDataString(s[1])}' is invalid.", call.ClientRequestId));
        }

        var permission = folder == FolderKind.Contacts ? "Contacts" : "Calendars";
        var permitted = call.Caller.HasRole($"{permission}.Read") || call.Caller.HasRole($"{permission}.ReadWrite");
        var policyAllows = call.Caller.AppId is not { } appId || store.FindApp(appId) is not { } app || app.MayAccess(box.Smtp);
        return permitted && policyAllows
            ? (box, folder, null)
            : (box, folder, GraphErrors.Error(403, "ExtensionError", "Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]",
                call.ClientRequestId));
    }

    private GraphSubscription? Find(GraphCall call, string id) =>
        byId.TryGetValue(id, out var subscription) && subscription.ApplicationId == (call.Caller.AppId ?? "") && subscription.ExpirationDateTime > DateTimeOffset.UtcNow
            ? subscription
            : null;

    private static GraphResult NotFound(GraphCall call, string id) =>
        GraphErrors.Error(404, "ResourceNotFound", $"The object '{id}' doesn't exist.", call.ClientRequestId);

    private static IReadOnlySet<string> ChangeTypes(JsonObject body) =>
        GraphJson.String(body["changeType"])!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static JsonObject WithContext(GraphCall call, JsonObject subscription, string suffix)
    {
        var result = new JsonObject { ["@odata.context"] = $"{call.BaseUrl}/v1.0/$metadata#subscriptions/{suffix}" };
        foreach (var (name, value) in subscription.ToList())
        {
            subscription.Remove(name);
            result[name] = value;
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        store.Changed -= Announce;
        await Sender.DisposeAsync();
    }
}
