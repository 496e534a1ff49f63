using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph.Subscriptions;

/// <summary>A change-notification subscription on one mailbox folder, as Graph keeps it.</summary>
public sealed record GraphSubscription(
    string Id, string Resource, IReadOnlySet<string> ChangeTypes, string NotificationUrl, string? LifecycleNotificationUrl,
    string? ClientState, DateTimeOffset ExpirationDateTime, string ApplicationId, Guid Mailbox, FolderKind Folder, string LatestSupportedTlsVersion)
{
    public bool Covers(ChangeKind kind) => ChangeTypes.Contains(kind switch
    {
        ChangeKind.Create => "created",
        ChangeKind.Update => "updated",
        _ => "deleted",
    });

    /// <summary>The <c>subscription</c> resource JSON, as Graph answers create, get, update and list.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["resource"] = Resource,
        ["applicationId"] = ApplicationId,
        ["changeType"] = string.Join(',', ChangeTypes.Order(StringComparer.Ordinal)),
        ["clientState"] = ClientState,
        ["notificationUrl"] = NotificationUrl,
        ["notificationQueryOptions"] = null,
        ["lifecycleNotificationUrl"] = LifecycleNotificationUrl,
        ["expirationDateTime"] = Instant(ExpirationDateTime),
        ["creatorId"] = ApplicationId,
        ["includeResourceData"] = false,
        ["latestSupportedTlsVersion"] = LatestSupportedTlsVersion,
        ["encryptionCertificate"] = null,
        ["encryptionCertificateId"] = null,
        ["notificationUrlAppId"] = null,
    };

    public static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}

/// <summary>One POST the emulator made to a notification URL, for tests to read.</summary>
public sealed record NotificationDelivery(DateTimeOffset At, string Url, int Count, int Status, string? Error);
