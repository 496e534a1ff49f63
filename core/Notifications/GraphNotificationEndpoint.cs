namespace OutlookCrm.Core.Notifications;

/// <summary>Where the API receives Graph's notifications, under the public base URL of <c>Sync__NotificationUrl</c>.</summary>
public static class GraphNotificationEndpoint
{
    public const string Path = "/api/notifications/graph";

    /// <summary>The notification URL given to Graph, or null when <paramref name="baseUrl"/> is unset or not an absolute HTTPS URL.</summary>
    public static Uri? For(string? baseUrl) =>
        Uri.TryCreate(baseUrl?.TrimEnd('/') + Path, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(baseUrl)
            ? url
            : null;
}
