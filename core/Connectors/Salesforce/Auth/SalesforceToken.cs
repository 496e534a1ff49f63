namespace OutlookCrm.Core.Connectors.Salesforce.Auth;

/// <summary>
/// An access token and the instance every later call goes to (<c>instance_url</c>).
/// <see cref="UserId"/> is the integration user the token acts as (the last segment of the token
/// response's identity URL, <c>…/id/{orgId}/{userId}</c>), null when the response has none.
/// </summary>
public sealed record SalesforceToken(string AccessToken, Uri InstanceUrl, string? RefreshToken, string? UserId = null)
{
    public static string? UserIdOf(string? identityUrl) =>
        Uri.TryCreate(identityUrl, UriKind.Absolute, out var url) && url.Segments.Length >= 4
            && Write.SalesforceId.IsValid(url.Segments[^1].TrimEnd('/')) && url.Segments[^3].TrimEnd('/') == "id"
            ? url.Segments[^1].TrimEnd('/')
            : null;
}
