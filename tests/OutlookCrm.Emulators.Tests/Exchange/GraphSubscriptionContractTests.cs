using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>
/// Graph's <c>/subscriptions</c> as documented (create with the notificationUrl handshake, get, list, renew, delete)
/// and the change notifications it posts, written as raw JSON against a webhook that records what arrives.
/// </summary>
public sealed class GraphSubscriptionContractTests : IAsyncLifetime
{
    private readonly ExchangeHost host = new();
    private NotificationReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        receiver = await NotificationReceiver.StartAsync(host.Exchange.Graph.Certificates);
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Create_calls_the_notification_url_with_a_validation_token_then_answers_201_with_the_subscription()
    {
        var (response, body) = await CreateAsync(Subscription($"users/{Alice}/contacts"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(Guid.Parse((string)body!["id"]!).ToString());
        Assert.Equal($"users/{Alice}/contacts", (string)body["resource"]!);
        Assert.Equal(SyncApp, (string)body["applicationId"]!);
        Assert.Equal("secret-state", (string)body["clientState"]!);
        Assert.Equal(receiver.Url, (string)body["notificationUrl"]!);
        Assert.EndsWith("$metadata#subscriptions/$entity", (string)body["@odata.context"]!, StringComparison.Ordinal);
        var handshake = Assert.Single(receiver.Requests);
        Assert.StartsWith("Validation: ", handshake.ValidationToken, StringComparison.Ordinal);   // sent URL-encoded, read back decoded
        Assert.StartsWith("text/plain", handshake.ContentType, StringComparison.Ordinal);

        var (get, fetched) = await host.GraphAsync(HttpMethod.Get, $"/subscriptions/{body["id"]}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal((string)body["expirationDateTime"]!, (string)fetched!["expirationDateTime"]!);
        var (_, list) = await host.GraphAsync(HttpMethod.Get, "/subscriptions");
        Assert.Equal((string)body["id"]!, (string)Assert.Single(list!["value"]!.AsArray())!["id"]!);
        var (_, otherApp) = await host.GraphAsync(HttpMethod.Get, "/subscriptions", token: host.GraphToken("99999999-0000-0000-0000-000000000000"));
        Assert.Empty(otherApp!["value"]!.AsArray());
    }

    [Fact]
    public async Task A_change_in_the_subscribed_folder_is_posted_with_the_clientState_and_other_folders_are_not()
    {
        var contactId = host.Exchange.SeedContacts(Alice, 1)[0];
        var eventId = host.Exchange.SeedEvents(Alice, 1, new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc))[0];
        var (_, created) = await CreateAsync(Subscription($"/users/{Alice}/contacts"));

        var outlook = host.Exchange.Outlook(Alice);
        Assert.True(outlook.EditEvent(eventId, e => e with { Subject = "Moved" }));          // not subscribed: no notification
        Assert.True(outlook.EditContact(contactId, c => c with { JobTitle = "CTO" }));
        var deleted = await host.Graph.PostAsync($"/__admin/mailboxes/{Alice}/items/{contactId}/delete", null);  // as a person in Outlook
        Assert.True(deleted.IsSuccessStatusCode);
        var notifications = await receiver.WaitForNotificationsAsync(2);

        Assert.Equal(["updated", "deleted"], notifications.Select(n => (string)n["changeType"]!));
        var first = notifications[0];
        Assert.Equal((string)created!["id"]!, (string)first["subscriptionId"]!);
        Assert.Equal("secret-state", (string)first["clientState"]!);
        Assert.NotNull(Guid.Parse((string)first["tenantId"]!).ToString());
        Assert.Equal((string)created["expirationDateTime"]!, (string)first["subscriptionExpirationDateTime"]!);
        Assert.StartsWith("Users/", (string)first["resource"]!, StringComparison.Ordinal);
        Assert.Equal(contactId, (string)first["resourceData"]!["id"]!);
        Assert.Equal("#Microsoft.Graph.Contact", (string)first["resourceData"]!["@odata.type"]!);
        Assert.All(receiver.Requests.Where(r => r.ValidationToken is null), r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writes_through_the_Graph_api_notify_an_events_subscription()
    {
        await CreateAsync(Subscription($"users/{Alice}/events", changeType: "created"));
        var create = new JsonObject
        {
            ["subject"] = "Review",
            ["start"] = new JsonObject { ["dateTime"] = "2026-03-02T09:00:00", ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-03-02T10:00:00", ["timeZone"] = "UTC" },
        };

        var (response, item) = await host.GraphAsync(HttpMethod.Post, $"/users/{Alice}/events", create);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var notification = Assert.Single(await receiver.WaitForNotificationsAsync(1));

        Assert.Equal("created", (string)notification["changeType"]!);
        Assert.Equal((string)item!["id"]!, (string)notification["resourceData"]!["id"]!);
        Assert.Equal("#Microsoft.Graph.Event", (string)notification["resourceData"]!["@odata.type"]!);
    }

    [Fact]
    public async Task A_lifecycle_notification_goes_to_the_lifecycle_url_and_a_removed_subscription_is_gone()
    {
        var subscription = Subscription($"users/{Alice}/contacts");
        subscription["lifecycleNotificationUrl"] = receiver.Url;
        var (_, created) = await CreateAsync(subscription);
        var id = (string)created!["id"]!;
        Assert.Single(receiver.Requests);                                                   // one handshake for one URL

        Assert.True(host.Exchange.Graph.Subscriptions.Lifecycle(id, "subscriptionRemoved"));
        var notification = Assert.Single(await receiver.WaitForNotificationsAsync(1));

        Assert.Equal("subscriptionRemoved", (string)notification["lifecycleEvent"]!);
        Assert.Equal(id, (string)notification["subscriptionId"]!);
        Assert.Equal("secret-state", (string)notification["clientState"]!);
        Assert.Null(notification["changeType"]);
        var (gone, _) = await host.GraphAsync(HttpMethod.Get, $"/subscriptions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { """{"changeType":"created,updated","notificationUrl":"http://127.0.0.1/hook","resource":"users/alice@contoso.com/contacts"}""", "InvalidRequest", "scheme='http' is not supported" },
        { """{"changeType":"created,moved","notificationUrl":"{url}","resource":"users/alice@contoso.com/contacts"}""", "InvalidRequest", "changeType" },
        { """{"changeType":"updated","notificationUrl":"{url}","resource":"users/alice@contoso.com/messages"}""", "InvalidRequest", "not supported" },
        { """{"changeType":"updated","notificationUrl":"{url}","resource":"me/contacts"}""", "BadRequest", "delegated" },
        { """{"changeType":"updated","notificationUrl":"{url}","resource":"users/alice@contoso.com/contacts","expirationDateTime":"{far}"}""", "ExtensionError", "can only be 10080 minutes in the future" },
        { """{"changeType":"updated","notificationUrl":"{url}","resource":"users/alice@contoso.com/contacts"}""", "InvalidRequest", "expirationDateTime is a required property" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_subscription_Graph_would_refuse_is_400_in_its_error_shape_and_nobody_is_called(string json, string code, string message)
    {
        var soon = DateTimeOffset.UtcNow.AddDays(1).ToString("o", CultureInfo.InvariantCulture);
        var body = JsonNode.Parse(json.Replace("{url}", receiver.Url, StringComparison.Ordinal)
            .Replace("{far}", DateTimeOffset.UtcNow.AddMinutes(10_081).ToString("o", CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject();
        if (!json.Contains("expirationDateTime", StringComparison.Ordinal) && !message.Contains("expirationDateTime", StringComparison.Ordinal))
        {
            body["expirationDateTime"] = soon;
        }

        var (response, error) = await host.GraphAsync(HttpMethod.Post, "/subscriptions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (string)error!["error"]!["code"]!);
        Assert.Contains(message, (string)error["error"]!["message"]!, StringComparison.Ordinal);
        Assert.NotNull(error["error"]!["innerError"]!["request-id"]);
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData(HandshakeAnswer.WrongToken, "ValidationError", "must exactly match validationToken")]
    [InlineData(HandshakeAnswer.Forbidden, "ValidationError", "must respond with 200 OK")]
    [InlineData(HandshakeAnswer.Silent, "InvalidRequest", "timed out")]
    public async Task A_webhook_that_fails_the_handshake_gets_no_subscription(HandshakeAnswer answer, string code, string message)
    {
        receiver.Handshake = answer;
        host.Exchange.Graph.Subscriptions.Sender.ValidationTimeout = TimeSpan.FromMilliseconds(500);   // Graph waits 10 s

        var (response, error) = await CreateAsync(Subscription($"users/{Alice}/contacts"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (string)error!["error"]!["code"]!);
        Assert.Contains(message, (string)error["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Empty(host.Exchange.Graph.Subscriptions.All);
    }

    [Fact]
    public async Task A_subscription_is_renewed_by_PATCH_within_the_limit_and_gone_after_DELETE()
    {
        var (_, created) = await CreateAsync(Subscription($"users/{Alice}/events"));
        var id = (string)created!["id"]!;
        var later = DateTimeOffset.UtcNow.AddDays(6);

        var (renewed, body) = await host.GraphAsync(HttpMethod.Patch, $"/subscriptions/{id}",
            new JsonObject { ["expirationDateTime"] = later.ToString("o", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(later.UtcDateTime, DateTimeOffset.Parse((string)body!["expirationDateTime"]!, CultureInfo.InvariantCulture).UtcDateTime);

        var (tooFar, error) = await host.GraphAsync(HttpMethod.Patch, $"/subscriptions/{id}",
            new JsonObject { ["expirationDateTime"] = DateTimeOffset.UtcNow.AddDays(8).ToString("o", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal("ExtensionError", (string)error!["error"]!["code"]!);

        var (deleted, _) = await host.GraphAsync(HttpMethod.Delete, $"/subscriptions/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, missing) = await host.GraphAsync(HttpMethod.Get, $"/subscriptions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.NotNull(missing!["error"]!["code"]);
        var (again, _) = await host.GraphAsync(HttpMethod.Delete, $"/subscriptions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var (reauthorize, _) = await host.GraphAsync(HttpMethod.Post, $"/subscriptions/{id}/reauthorize");
        Assert.Equal(HttpStatusCode.BadRequest, reauthorize.StatusCode);                     // not emulated, and not a create
        Assert.Empty(host.Exchange.Graph.Subscriptions.All);
    }

    [Fact]
    public async Task Subscribing_needs_read_permission_on_the_resource_and_the_mailbox_inside_the_apps_access_policy()
    {
        var (noPermission, _) = await host.GraphAsync(HttpMethod.Post, "/subscriptions", Subscription($"users/{Alice}/contacts"),
            token: host.GraphToken(roles: "Calendars.Read"));
        Assert.Equal(HttpStatusCode.Forbidden, noPermission.StatusCode);

        host.Exchange.Seed(new SeedDocument { Apps = [new SeedApp { ClientId = SyncApp, Mailboxes = [Bob] }] });
        var (outsidePolicy, _) = await CreateAsync(Subscription($"users/{Alice}/contacts"));
        Assert.Equal(HttpStatusCode.Forbidden, outsidePolicy.StatusCode);

        var (unknownUser, error) = await CreateAsync(Subscription("users/nobody@contoso.com/contacts"));
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal("ErrorInvalidUser", (string)error!["error"]!["code"]!);
        Assert.Empty(receiver.Requests);
    }

    private JsonObject Subscription(string resource, string changeType = "created,updated,deleted") => new()
    {
        ["changeType"] = changeType,
        ["notificationUrl"] = receiver.Url,
        ["resource"] = resource,
        ["expirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("o", CultureInfo.InvariantCulture),
        ["clientState"] = "secret-state",
        ["latestSupportedTlsVersion"] = "v1_2",
    };

    private Task<(HttpResponseMessage Response, JsonNode? Body)> CreateAsync(JsonObject subscription) =>
        host.GraphAsync(HttpMethod.Post, "/subscriptions", subscription);
}
