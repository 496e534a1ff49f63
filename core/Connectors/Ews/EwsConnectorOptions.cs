using OutlookCrm.Core.Connectors.Ews.Operations;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>Batch sizes and bounds of the EWS connector; the defaults suit an on-premises Exchange.</summary>
public sealed class EwsConnectorOptions
{
    public int GetItemBatchSize { get; init; } = GetItemOperation.DefaultBatchSize;

    /// <summary>Items per CreateItem/UpdateItem/DeleteItem call: 1,000 writes cost 10 calls, each well under EWS request limits.</summary>
    public int WriteBatchSize { get; init; } = 100;

    public long MaxResponseBytes { get; init; } = SafeXmlReader.DefaultMaxBytes;

    public EwsRetryPolicy Retry { get; init; } = new();
}
