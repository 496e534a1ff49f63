using System.Collections.Concurrent;
using OutlookCrm.Core.Connectors.Salesforce.Http;

namespace OutlookCrm.Core.Connectors.Salesforce;

/// <summary>
/// What <c>describe</c> tells about the org, read once per connector: whether Contact and Event carry
/// the <c>OutlookCrm_ExchangeId__c</c> external-id field that makes creates crash-safe upserts.
/// </summary>
internal sealed class SalesforceSchema(SalesforceTransport transport)
{
    public const string ExchangeIdField = "OutlookCrm_ExchangeId__c";

    private readonly ConcurrentDictionary<string, Lazy<Task<DescribeResponse>>> describes = new();

    /// <summary><see cref="ExchangeIdField"/> when it exists as a unique external id on <paramref name="sobject"/>, else null.</summary>
    public async Task<string?> ExternalIdFieldAsync(string sobject, CancellationToken cancellationToken)
    {
        var describe = await DescribeAsync(sobject, cancellationToken);
        var field = describe.Fields.FirstOrDefault(f => string.Equals(f.Name, ExchangeIdField, StringComparison.OrdinalIgnoreCase));
        return field is { ExternalId: true, Unique: true } ? field.Name : null;
    }

    public async Task<DescribeResponse> DescribeAsync(string sobject, CancellationToken cancellationToken)
    {
        var lazy = describes.GetOrAdd(sobject, s => new Lazy<Task<DescribeResponse>>(() => transport.SendAsync<DescribeResponse>(
            SalesforceCall.Get($"{transport.DataPath}/sobjects/{s}/describe", "sf.describe"), CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            describes.TryRemove(new KeyValuePair<string, Lazy<Task<DescribeResponse>>>(sobject, lazy)); // a failure is not cached
            throw;
        }
    }
}
