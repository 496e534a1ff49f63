using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Soql;

namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>query, queryAll, their nextRecordsUrl pages, and search.</summary>
public sealed partial class SalesforceApi
{
    private const int DefaultBatchSize = 2000;

    private ApiResult Query(ApiRequest request, bool includeDeleted)
    {
        var text = request.Query.GetValueOrDefault("q");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SalesforceApiException(400, "MALFORMED_QUERY", "A query string has to be specified");
        }

        var query = SoqlParser.Parse(text, org.Schema, org.Now);
        org.Queries.Record(text, query);
        var executor = new SoqlExecutor(org.Store, request.Version);
        if (query.IsCountOnly)
        {
            var all = executor.Run(query with { Limit = null, Offset = 0 }, includeDeleted);
            var count = Math.Max(0, Math.Min(all.Count - query.Offset, query.Limit ?? int.MaxValue));
            return new ApiResult(200, new JsonObject { ["totalSize"] = count, ["done"] = true, ["records"] = new JsonArray() });
        }

        var rows = executor.Run(query, includeDeleted);
        if (query.Select.Any(i => i is CountItem))
        {
            return new ApiResult(200, new JsonObject { ["totalSize"] = 1, ["done"] = true, ["records"] = new JsonArray(executor.Aggregate(query, rows)) });
        }

        var batch = Math.Clamp(request.BatchSize ?? DefaultBatchSize, 200, DefaultBatchSize);
        var cursor = new QueryCursor(query, rows, batch, includeDeleted ? "queryAll" : "query");
        return Page(request, cursor, locator: null, offset: 0);
    }

    private ApiResult NextPage(ApiRequest request, string locatorAndOffset)
    {
        var dash = locatorAndOffset.LastIndexOf('-');
        var cursor = dash > 0 ? cursors.Find(locatorAndOffset[..dash]) : null;
        if (cursor is null || !int.TryParse(locatorAndOffset[(dash + 1)..], out var offset) || offset < 0 || offset > cursor.Rows.Count)
        {
            throw new SalesforceApiException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }

        return Page(request, cursor, locatorAndOffset[..dash], offset);
    }

    /// <summary>One page, streamed: <c>totalSize</c>, <c>done</c>, <c>nextRecordsUrl</c> while rows remain, then the records.</summary>
    private ApiResult Page(ApiRequest request, QueryCursor cursor, string? locator, int offset)
    {
        var projection = new SoqlExecutor(org.Store, request.Version).Projection(cursor.Query);
        var end = Math.Min(cursor.Rows.Count, offset + cursor.BatchSize);
        string? next = null;
        if (end < cursor.Rows.Count)
        {
            locator ??= cursors.Open(cursor);
            next = $"/services/data/v{request.Version}/{cursor.Endpoint}/{locator}-{end}";
        }

        return new ApiResult(200, null)
        {
            Writer = writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("totalSize", cursor.Rows.Count);
                writer.WriteBoolean("done", next is null);
                if (next is not null)
                {
                    writer.WriteString("nextRecordsUrl", next);
                }

                writer.WriteStartArray("records");
                for (var i = offset; i < end; i++)
                {
                    projection.Write(writer, cursor.Rows[i]);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            },
        };
    }

    private JsonObject Search(ApiRequest request)
    {
        var text = request.Query.GetValueOrDefault("q");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SalesforceApiException(400, "MALFORMED_SEARCH", "No search term found. The search term must be enclosed in braces.");
        }

        return new SoslSearch(org.Schema, org.Store, request.Version).Run(text);
    }
}
