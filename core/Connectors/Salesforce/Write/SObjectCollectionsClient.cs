using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Http;

namespace OutlookCrm.Core.Connectors.Salesforce.Write;

/// <summary>
/// sObject Collections: up to 200 records per call, <c>allOrNone=false</c> so each record succeeds
/// or fails on its own; results come back in request order. Callers chunk with <see cref="Chunks"/>.
/// </summary>
internal sealed class SObjectCollectionsClient(SalesforceTransport transport)
{
    public const int MaxRecords = 200;

    public static IEnumerable<T[]> Chunks<T>(IEnumerable<T> items) => items.Chunk(MaxRecords);

    public Task<IReadOnlyList<SaveResult>> CreateAsync(string sobject, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"{transport.DataPath}/composite/sobjects", "sf.collections.create", sobject, records, null, cancellationToken);

    /// <summary>Each record carries its <c>id</c>.</summary>
    public Task<IReadOnlyList<SaveResult>> UpdateAsync(string sobject, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"{transport.DataPath}/composite/sobjects", "sf.collections.update", sobject, records, true, cancellationToken);

    /// <summary>Create-or-update by an external-id field: repeating it cannot create a duplicate.</summary>
    public Task<IReadOnlyList<SaveResult>> UpsertAsync(
        string sobject, string externalIdField, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"{transport.DataPath}/composite/sobjects/{sobject}/{externalIdField}", "sf.collections.upsert",
            sobject, records, true, cancellationToken);

    public async Task<IReadOnlyList<SaveResult>> DeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        Guard(ids.Count);
        var list = string.Join(",", ids.Select(SalesforceId.Require));
        var path = $"{transport.DataPath}/composite/sobjects?ids={list}&allOrNone=false";
        return await transport.SendAsync<IReadOnlyList<SaveResult>>(new SalesforceCall(HttpMethod.Delete, path, "sf.collections.delete"), cancellationToken);
    }

    private async Task<IReadOnlyList<SaveResult>> SendAsync(
        HttpMethod method, string path, string operation, string sobject, IReadOnlyList<JsonObject> records, bool? idempotent,
        CancellationToken cancellationToken)
    {
        Guard(records.Count);
        foreach (var record in records)
        {
            record["attributes"] ??= new JsonObject { ["type"] = sobject };
        }

        var body = new JsonObject { ["allOrNone"] = false, ["records"] = new JsonArray([.. records]) };
        var results = await transport.SendAsync<IReadOnlyList<SaveResult>>(new SalesforceCall(method, path, operation, body, idempotent), cancellationToken);
        if (results is null || results.Count != records.Count)
        {
            throw new SalesforceException(null, [new SalesforceError(SalesforceErrorCodes.Unknown,
                $"{operation} answered {results?.Count ?? 0} results for {records.Count} records", [])]);
        }

        return results;
    }

    private static void Guard(int count)
    {
        if (count is 0 or > MaxRecords)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"sObject Collections take 1..{MaxRecords} records.");
        }
    }
}
