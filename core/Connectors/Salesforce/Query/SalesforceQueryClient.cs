using System.Runtime.CompilerServices;
using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Http;

namespace OutlookCrm.Core.Connectors.Salesforce.Query;

/// <summary>
/// SOQL <c>/query</c> and <c>/queryAll</c> (which also returns deleted and archived rows), streamed
/// page by page over <c>nextRecordsUrl</c>, and SOSL <c>/search</c>.
/// </summary>
internal sealed class SalesforceQueryClient(SalesforceTransport transport)
{
    public async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(
        SoqlQuery query, bool includeDeleted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resource = includeDeleted ? "queryAll" : "query";
        var operation = includeDeleted ? "sf.queryAll" : "sf.query";
        string? path = $"{transport.DataPath}/{resource}?q={Uri.EscapeDataString(query.ToString())}";
        while (path is not null)
        {
            var page = await transport.SendAsync<QueryResponse<T>>(SalesforceCall.Get(path, operation), cancellationToken);
            yield return page.Records;
            path = page.Done ? null : page.NextRecordsUrl;
        }
    }

    public async IAsyncEnumerable<T> RecordsAsync<T>(SoqlQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync<T>(query, includeDeleted: false, cancellationToken))
        {
            foreach (var record in page)
            {
                yield return record;
            }
        }
    }

    public async Task<List<T>> ListAsync<T>(SoqlQuery query, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var record in RecordsAsync<T>(query, cancellationToken))
        {
            list.Add(record);
        }

        return list;
    }

    /// <summary>Runs a SOSL statement (from <see cref="SoslEmailSearch"/>); at most 2,000 rows come back.</summary>
    public async Task<IReadOnlyList<JsonElement>> SearchAsync(string sosl, CancellationToken cancellationToken)
    {
        var path = $"{transport.DataPath}/search?q={Uri.EscapeDataString(sosl)}";
        var answer = await transport.SendAsync<SearchResponse<JsonElement>>(SalesforceCall.Get(path, "sf.search"), cancellationToken);
        return answer?.SearchRecords ?? [];
    }
}
