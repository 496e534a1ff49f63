using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>
/// sObject Collections: up to 200 records per call, one SaveResult per record in request order;
/// with allOrNone a failure rolls back the rest, which then report ALL_OR_NONE_OPERATION_ROLLED_BACK.
/// </summary>
public sealed partial class SalesforceApi
{
    private const int MaxCollection = 200;

    private ApiResult CollectionsCreate(ApiRequest request, Transaction? outer)
    {
        var (allOrNone, items) = CollectionBody(request);
        return RunCollection(allOrNone, items, outer, (item, tx) =>
        {
            var typeName = TypeAttribute(item);
            if (item.Any(p => string.Equals(p.Key, "Id", StringComparison.OrdinalIgnoreCase)))
            {
                throw new SalesforceApiException(400, "INVALID_FIELD", "cannot specify Id in an insert call", ["Id"]);
            }

            return (records.Create(records.RequireType(typeName), item, request.Session.UserId, tx).Id, null);
        });
    }

    private ApiResult CollectionsUpdate(ApiRequest request, Transaction? outer)
    {
        var (allOrNone, items) = CollectionBody(request);
        return RunCollection(allOrNone, items, outer, (item, tx) =>
        {
            var type = records.RequireType(TypeAttribute(item));
            var idKey = item.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "Id", StringComparison.OrdinalIgnoreCase));
            if (idKey is null || item[idKey] is not JsonValue idValue || !idValue.TryGetValue<string>(out var idText))
            {
                throw new SalesforceApiException(400, "MISSING_ARGUMENT", "Id not specified in an update call", ["Id"]);
            }

            var id = records.RequireId(type, idText);
            var fields = (JsonObject)item.DeepClone();
            fields.Remove(idKey);
            records.Update(type, id, fields, request.Session.UserId, tx);
            return (id, null);
        });
    }

    private ApiResult CollectionsUpsert(ApiRequest request, string typeName, string field, Transaction? outer)
    {
        var type = records.RequireType(typeName);
        var (allOrNone, items) = CollectionBody(request);
        return RunCollection(allOrNone, items, outer, (item, tx) =>
        {
            var key = item.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase));
            if (key is null || item[key] is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                throw new SalesforceApiException(400, "MISSING_ARGUMENT", $"{field} not specified", [field]);
            }

            var (record, created) = records.Upsert(type, field, text, item, request.Session.UserId, tx);
            return (record.Id, created);
        });
    }

    private ApiResult CollectionsDelete(ApiRequest request, Transaction? outer)
    {
        var ids = (request.Query.GetValueOrDefault("ids") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0)
        {
            throw new SalesforceApiException(400, "MISSING_ARGUMENT", "ids parameter is required");
        }

        if (ids.Length > MaxCollection)
        {
            throw new SalesforceApiException(400, "EXCEEDED_ID_LIMIT", $"Record limit reached. Max number of records allowed is {MaxCollection}");
        }

        var allOrNone = request.ForceAllOrNone || string.Equals(request.Query.GetValueOrDefault("allOrNone"), "true", StringComparison.OrdinalIgnoreCase);
        var items = ids.Select(id => new JsonObject { ["id"] = id }).ToList();
        return RunCollection(allOrNone, items, outer, (item, tx) =>
        {
            var text = (string)item["id"]!;
            var id = SalesforceIds.Normalize(text) ?? throw new SalesforceApiException(400, "MALFORMED_ID", $"malformed id {text}", []);
            records.Delete(null, id, request.Session.UserId, tx);
            return (id, null);
        });
    }

    private ApiResult CollectionsRetrieve(ApiRequest request, string typeName)
    {
        var type = records.RequireType(typeName);
        string[] ids;
        string? fields;
        if (request.Method == "POST")
        {
            var body = Body(request);
            ids = (body["ids"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").ToArray();
            fields = string.Join(',', (body["fields"] as JsonArray ?? []).Select(n => n?.GetValue<string>()));
        }
        else
        {
            ids = (request.Query.GetValueOrDefault("ids") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            fields = request.Query.GetValueOrDefault("fields");
        }

        if (ids.Length == 0 || string.IsNullOrWhiteSpace(fields))
        {
            throw new SalesforceApiException(400, "MISSING_ARGUMENT", "ids and fields are required");
        }

        if (ids.Length > 2000)
        {
            throw new SalesforceApiException(400, "EXCEEDED_ID_LIMIT", "Record limit reached. Max number of records allowed is 2000");
        }

        var result = new JsonArray();
        foreach (var text in ids)
        {
            var id = records.RequireId(type, text);
            var record = org.Store.Get(id);
            result.Add(record is null || record.IsDeleted ? null : RecordJson(request, record, fields));
        }

        return new ApiResult(200, result);
    }

    private static (bool AllOrNone, List<JsonObject> Items) CollectionBody(ApiRequest request)
    {
        var body = Body(request);
        var allOrNone = request.ForceAllOrNone || (body["allOrNone"] is JsonValue v && v.TryGetValue<bool>(out var flag) && flag);
        if (body["records"] is not JsonArray array)
        {
            throw new SalesforceApiException(400, "JSON_PARSER_ERROR", "records is required");
        }

        if (array.Count > MaxCollection)
        {
            throw new SalesforceApiException(400, "EXCEEDED_ID_LIMIT", $"Record limit reached. Max number of records allowed is {MaxCollection}");
        }

        return (allOrNone, array.Select(n => n as JsonObject
            ?? throw new SalesforceApiException(400, "JSON_PARSER_ERROR", "each record must be a JSON object")).ToList());
    }

    private static string TypeAttribute(JsonObject item) =>
        item["attributes"] is JsonObject attributes && attributes["type"] is JsonValue type && type.TryGetValue<string>(out var name)
            ? name
            : throw new SalesforceApiException(400, "INVALID_TYPE", "Must send a concrete entity type.", []);

    private ApiResult RunCollection(bool allOrNone, List<JsonObject> items, Transaction? outer,
        Func<JsonObject, Transaction, (string Id, bool? Created)> write) =>
        org.Store.Exclusive(() =>
        {
            var tx = new Transaction(org.Store);
            var results = new JsonObject[items.Count];
            var failed = false;
            for (var i = 0; i < items.Count; i++)
            {
                if (failed && allOrNone)
                {
                    results[i] = RolledBack(null);
                    continue;
                }

                try
                {
                    var item = items[i];
                    var (id, created) = write(item, tx);
                    results[i] = SaveResult(id);
                    if (created is { } c)
                    {
                        results[i]["created"] = c;
                    }
                }
                catch (SalesforceApiException e)
                {
                    failed = true;
                    results[i] = new JsonObject { ["success"] = false, ["errors"] = SalesforceErrors.SaveResultErrors(e.Errors) };
                }
            }

            if (failed && allOrNone)
            {
                tx.Rollback();
                for (var i = 0; i < results.Length; i++)
                {
                    if (results[i]["success"] is JsonValue ok && ok.GetValue<bool>())
                    {
                        results[i] = RolledBack(null);
                    }
                }
            }
            else if (outer is not null)
            {
                outer.Adopt(tx);
            }

            return new ApiResult(200, new JsonArray(results.Select(r => (JsonNode?)r).ToArray()));
        });

    private static JsonObject RolledBack(string? id) => new()
    {
        ["id"] = id,
        ["success"] = false,
        ["errors"] = SalesforceErrors.SaveResultErrors([new ApiError("ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "Record rolled back because not all records were valid and the request was using AllOrNone header", [])]),
    };
}
