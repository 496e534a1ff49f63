namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

internal static class SalesforceSyncLimits
{
    /// <summary>Ids per <c>WHERE Id IN (…)</c>: 200 × 18 characters keeps the GET URL far under Salesforce's 16 KB.</summary>
    public const int IdsPerQuery = 200;
}
