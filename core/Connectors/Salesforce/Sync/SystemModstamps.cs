using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>
/// Reads the versions (SystemModstamp) of records just written: save results carry no version, and
/// the engine must store the new one so the next run sees nothing to do.
/// </summary>
internal static class SystemModstamps
{
    public static async Task<Dictionary<string, string>> ReadAsync(
        SalesforceApi api, string sobject, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct().Chunk(SalesforceSyncLimits.IdsPerQuery))
        {
            var query = SoqlQuery.Select("Id", "SystemModstamp").From(sobject).Where(SoqlCondition.In("Id", chunk));
            foreach (var record in await api.Query.ListAsync<JsonElement>(query, cancellationToken))
            {
                versions[record.Str("Id")!] = record.Str("SystemModstamp") ?? "";
            }
        }

        return versions;
    }
}
