using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>
/// The REST resources under <c>/services/data/vNN.N/</c> as one function of a request, so HTTP
/// calls and composite subrequests take the same path. Errors leave as <see cref="SalesforceApiException"/>.
/// </summary>
public sealed partial class SalesforceApi(SalesforceOrg org, RecordService records, QueryCursors cursors)
{
    public ApiResult Handle(ApiRequest request, Transaction? tx = null)
    {
        var s = request.Segments;
        var method = request.Method;
        return s switch
        {
            [] => Get(method, () => Resources(request)),
            ["limits"] => Get(method, Limits),
            ["query"] or ["queryAll"] => Get(method, () => Query(request, includeDeleted: s[0] == "queryAll")),
            ["query" or "queryAll", var locator] => Get(method, () => NextPage(request, locator)),
            ["search"] => Get(method, () => Search(request)),
            ["composite"] when method == "POST" => Composite(request),
            ["composite", "sobjects"] => method switch
            {
                "POST" => CollectionsCreate(request, tx),
                "PATCH" => CollectionsUpdate(request, tx),
                "DELETE" => CollectionsDelete(request, tx),
                _ => throw MethodNotAllowed(method),
            },
            ["composite", "sobjects", var type] => method is "GET" or "POST" ? CollectionsRetrieve(request, type) : throw MethodNotAllowed(method),
            ["composite", "sobjects", var type, var field] when method == "PATCH" => CollectionsUpsert(request, type, field, tx),
            ["sobjects"] => Get(method, DescribeGlobal),
            ["sobjects", var type] => method switch
            {
                "POST" => Create(request, type, tx),
                "GET" => new ApiResult(200, new JsonObject { ["objectDescribe"] = ObjectSummary(records.RequireType(type)), ["recentItems"] = new JsonArray() }),
                _ => throw MethodNotAllowed(method),
            },
            ["sobjects", var type, "describe"] => Get(method, () => Describe(records.RequireType(type))),
            ["sobjects", var type, "updated"] => Get(method, () => Updated(request, type)),
            ["sobjects", var type, "deleted"] => Get(method, () => Deleted(request, type)),
            ["sobjects", var type, "Id"] when method == "POST" => Create(request, type, tx),
            ["sobjects", var type, var id] => method switch
            {
                "GET" => Retrieve(request, type, id),
                "PATCH" => Update(request, type, id, tx),
                "DELETE" => Delete(request, type, id, tx),
                _ => throw MethodNotAllowed(method),
            },
            ["sobjects", "Event", var id, "fromThisEventOnwards"] when method == "DELETE" => DeleteFromThisEventOnwards(request, id),
            ["sobjects", var type, var field, var value] => method switch
            {
                "GET" => RetrieveByExternalId(request, type, field, value),
                "PATCH" => Upsert(request, type, field, value, tx),
                "DELETE" => DeleteByExternalId(request, type, field, value, tx),
                _ => throw MethodNotAllowed(method),
            },
            _ => throw SalesforceApiException.NotFound(),
        };
    }

    public static JsonArray Versions() => new(Enumerable.Range(SalesforceRoutes.MinVersion, SalesforceRoutes.MaxVersion - SalesforceRoutes.MinVersion + 1)
        .Select(v => (JsonNode?)new JsonObject
        {
            ["label"] = SalesforceRoutes.Label(v),
            ["url"] = $"/services/data/v{v}.0",
            ["version"] = $"{v}.0",
        }).ToArray());

    private static ApiResult Get(string method, Func<JsonNode> answer) =>
        method == "GET" ? new ApiResult(200, answer()) : throw MethodNotAllowed(method);

    private static ApiResult Get(string method, Func<ApiResult> answer) =>
        method == "GET" ? answer() : throw MethodNotAllowed(method);

    private static SalesforceApiException MethodNotAllowed(string method) =>
        new(405, "METHOD_NOT_ALLOWED", $"HTTP Method '{method}' not allowed. Allowed are GET,HEAD");

    private static JsonObject Resources(ApiRequest request)
    {
        var root = $"/services/data/v{request.Version}";
        return new JsonObject
        {
            ["limits"] = $"{root}/limits",
            ["query"] = $"{root}/query",
            ["queryAll"] = $"{root}/queryAll",
            ["search"] = $"{root}/search",
            ["sobjects"] = $"{root}/sobjects",
            ["composite"] = $"{root}/composite",
        };
    }

    private JsonObject Limits()
    {
        static JsonObject Limit(long max, long remaining) => new() { ["Max"] = max, ["Remaining"] = Math.Max(0, remaining) };
        return new JsonObject
        {
            ["ConcurrentAsyncGetReportInstances"] = Limit(200, 200),
            ["DailyApiRequests"] = Limit(org.DailyApiMax, org.DailyApiMax - org.ApiRequestsUsed),
            ["DailyAsyncApexExecutions"] = Limit(250000, 250000),
            ["DailyBulkApiBatches"] = Limit(15000, 15000),
            ["DataStorageMB"] = Limit(1024, 1024),
            ["FileStorageMB"] = Limit(1024, 1024),
        };
    }

    private string Url(ApiRequest request, string type, string id) => $"/services/data/v{request.Version}/sobjects/{type}/{id}";

    private static JsonObject Body(ApiRequest request) =>
        request.Body as JsonObject ?? throw new SalesforceApiException(400, "JSON_PARSER_ERROR", "The request body must be a JSON object.");
}
