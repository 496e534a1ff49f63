namespace OutlookCrm.Core.Configuration;

/// <summary>Configuration keys of CONTRACT.md §2, in the <c>:</c> form; messages name them in the <c>__</c> form.</summary>
public static class ConfigurationKeys
{
    public const string StoreProvider = "Store:Provider";
    public const string StoreConnectionString = "Store:ConnectionString";
    public const string AuthAuthority = "Auth:Authority";
    public const string AuthAudience = "Auth:Audience";
    public const string AuthAdminRole = "Auth:AdminRole";
    public const string HttpTrustedCaFile = "Http:TrustedCaFile";
    public const string SyncRunInApi = "Sync:RunInApi";
    public const string SyncInterval = "Sync:Interval";
    public const string SyncNotificationUrl = "Sync:NotificationUrl";
    public const string SyncSubscriptionLifetime = "Sync:SubscriptionLifetime";
    public const string DataProtectionKeysDirectory = "DataProtection:KeysDirectory";

    /// <summary>The environment-variable spelling an operator types, e.g. <c>Auth__Authority</c>.</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
