namespace OutlookCrm.Core.Connectors.Salesforce.Auth;

/// <summary>An access token and the instance every later call goes to (<c>instance_url</c>).</summary>
public sealed record SalesforceToken(string AccessToken, Uri InstanceUrl, string? RefreshToken);
