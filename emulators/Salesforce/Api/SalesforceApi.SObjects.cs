using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Schema;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>sObject rows: create, retrieve, update (204), delete (204), upsert by external id (201 / 200 or 204), describe.</summary>
public sealed partial class SalesforceApi
{
    /// <summary>From API 46.0 an upsert that updates answers 200 with a body; before, 204.</summary>
    private const decimal UpsertBodyVersion = 46.0m;

    private ApiResult Create(ApiRequest request, string typeName, Transaction? tx)
    {
        var type = records.RequireType(typeName);
        var record = records.Create(type, Body(request), request.Session.UserId, tx);
        return new ApiResult(201, SaveResult(record.Id), Url(request, type.Name, record.Id));
    }

    private ApiResult Retrieve(ApiRequest request, string typeName, string idText)
    {
        var type = records.RequireType(typeName);
        var id = records.RequireId(type, idText);
        var record = org.Store.Get(id);
        if (record is null || record.IsDeleted || record.Type != type)
        {
            throw SalesforceApiException.NotFound();
        }

        return RecordResult(request, record);
    }

    private ApiResult Update(ApiRequest request, string typeName, string idText, Transaction? tx)
    {
        var type = records.RequireType(typeName);
        records.Update(type, records.RequireId(type, idText), Body(request), request.Session.UserId, tx);
        return ApiResult.NoContent;
    }

    private ApiResult Delete(ApiRequest request, string typeName, string idText, Transaction? tx)
    {
        var type = records.RequireType(typeName);
        records.Delete(type, records.RequireId(type, idText), request.Session.UserId, tx);
        return ApiResult.NoContent;
    }

    /// <summary>The REST guide answers a sentence, not JSON: <c>{ success: We're deleting the selected events… }</c>; a JSON string stands in for it.</summary>
    private ApiResult DeleteFromThisEventOnwards(ApiRequest request, string idText)
    {
        var type = records.RequireType("Event");
        records.DeleteFromThisEventOnwards(records.RequireId(type, idText), request.Session.UserId);
        return new ApiResult(200, JsonValue.Create("success: We're deleting the selected events from the series. Wait for all events to be removed."));
    }

    private ApiResult Upsert(ApiRequest request, string typeName, string field, string value, Transaction? tx)
    {
        var type = records.RequireType(typeName);
        var externalId = Uri.UnescapeDataString(value);
        if (string.Equals(request.Query.GetValueOrDefault("updateOnly"), "true", StringComparison.OrdinalIgnoreCase)
            && type.Field(field) is { ExternalId: true } idField && org.Store.FindUnique(type.Name, idField.Name, externalId) is null)
        {
            throw SalesforceApiException.NotFound();
        }

        var (record, created) = records.Upsert(type, field, externalId, Body(request), request.Session.UserId, tx);
        if (created)
        {
            var body = SaveResult(record.Id);
            if (request.VersionNumber >= UpsertBodyVersion)
            {
                body["created"] = true;
            }

            return new ApiResult(201, body, Url(request, type.Name, record.Id));
        }

        if (request.VersionNumber < UpsertBodyVersion)
        {
            return ApiResult.NoContent;
        }

        var updated = SaveResult(record.Id);
        updated["created"] = false;
        return new ApiResult(200, updated, Url(request, type.Name, record.Id));
    }

    private ApiResult RetrieveByExternalId(ApiRequest request, string typeName, string field, string value)
    {
        var record = FindByExternalId(typeName, field, Uri.UnescapeDataString(value)) ?? throw SalesforceApiException.NotFound();
        return RecordResult(request, record);
    }

    private ApiResult DeleteByExternalId(ApiRequest request, string typeName, string field, string value, Transaction? tx)
    {
        var record = FindByExternalId(typeName, field, Uri.UnescapeDataString(value)) ?? throw SalesforceApiException.NotFound();
        records.Delete(record.Type, record.Id, request.Session.UserId, tx);
        return ApiResult.NoContent;
    }

    private SObjectRecord? FindByExternalId(string typeName, string fieldName, string value)
    {
        var type = records.RequireType(typeName);
        var field = type.Field(fieldName);
        if (field is null || !field.ExternalId)
        {
            throw SalesforceApiException.NotFound();
        }

        return org.Store.FindUnique(type.Name, field.Name, value);
    }

    private static JsonObject SaveResult(string id) => new() { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() };

    /// <summary>A record streamed straight to the response: the most frequent simple call.</summary>
    private ApiResult RecordResult(ApiRequest request, SObjectRecord record)
    {
        var fields = SelectedFields(record.Type, request.Query.GetValueOrDefault("fields"));
        var url = Url(request, record.Type.Name, record.Id);
        return new ApiResult(200, null)
        {
            Writer = writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("attributes");
                writer.WriteString("type", record.Type.Name);
                writer.WriteString("url", url);
                writer.WriteEndObject();
                foreach (var field in fields)
                {
                    writer.WritePropertyName(field.Name);
                    SalesforceFormat.Write(writer, record[field.Name]);
                }

                writer.WriteEndObject();
            },
        };
    }

    private static IReadOnlyList<FieldDef> SelectedFields(ObjectDef type, string? fieldList) =>
        string.IsNullOrWhiteSpace(fieldList)
            ? type.Fields
            : fieldList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => type.Field(name)
                    ?? throw new SalesforceApiException(400, "INVALID_FIELD", $"No such column '{name}' on sobject of type {type.Name}"))
                .ToList();

    private JsonObject RecordJson(ApiRequest request, SObjectRecord record, string? fieldList)
    {
        var node = new JsonObject
        {
            ["attributes"] = new JsonObject { ["type"] = record.Type.Name, ["url"] = Url(request, record.Type.Name, record.Id) },
        };
        IEnumerable<FieldDef> fields = record.Type.Fields;
        if (!string.IsNullOrWhiteSpace(fieldList))
        {
            fields = fieldList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => record.Type.Field(name)
                    ?? throw new SalesforceApiException(400, "INVALID_FIELD", $"No such column '{name}' on sobject of type {record.Type.Name}"))
                .ToList();
        }

        foreach (var field in fields)
        {
            node[field.Name] = SalesforceFormat.ToJson(record[field.Name]);
        }

        return node;
    }

    private JsonObject DescribeGlobal() => new()
    {
        ["encoding"] = "UTF-8",
        ["maxBatchSize"] = 200,
        ["sobjects"] = new JsonArray(org.Schema.Objects.Select(o => (JsonNode?)ObjectSummary(o)).ToArray()),
    };

    private static JsonObject ObjectSummary(ObjectDef type) => new()
    {
        ["name"] = type.Name,
        ["label"] = type.Label,
        ["labelPlural"] = type.Label + "s",
        ["keyPrefix"] = type.KeyPrefix,
        ["custom"] = false,
        ["createable"] = true,
        ["updateable"] = true,
        ["deletable"] = true,
        ["queryable"] = true,
        ["searchable"] = type.Name is not "EventRelation" and not "OpportunityContactRole",
        ["replicateable"] = true,
        ["retrieveable"] = true,
        ["urls"] = new JsonObject
        {
            ["sobject"] = $"/services/data/v{SalesforceRoutes.MaxVersion}.0/sobjects/{type.Name}",
            ["describe"] = $"/services/data/v{SalesforceRoutes.MaxVersion}.0/sobjects/{type.Name}/describe",
            ["rowTemplate"] = $"/services/data/v{SalesforceRoutes.MaxVersion}.0/sobjects/{type.Name}/{{ID}}",
        },
    };

    private static JsonObject Describe(ObjectDef type)
    {
        var describe = ObjectSummary(type);
        describe["fields"] = new JsonArray(type.Fields.Select(f => (JsonNode?)new JsonObject
        {
            ["name"] = f.Name,
            ["label"] = f.Label,
            ["type"] = f.Type,
            ["soapType"] = SoapType(f.Type),
            ["length"] = f.IsText && f.Type is not "id" and not "reference" ? f.Length : (f.Type is "id" or "reference" ? 18 : 0),
            ["createable"] = f.Createable,
            ["updateable"] = f.Updateable,
            ["nillable"] = f.Nillable,
            ["defaultedOnCreate"] = f.DefaultedOnCreate,
            ["externalId"] = f.ExternalId,
            ["idLookup"] = f.IdLookup,
            ["unique"] = f.Unique,
            ["calculated"] = f.Calculated,
            ["custom"] = f.Name.EndsWith("__c", StringComparison.Ordinal),
            ["filterable"] = f.Type != "textarea" || f.Length <= 255,
            ["sortable"] = f.Type != "textarea" || f.Length <= 255,
            ["referenceTo"] = new JsonArray(f.ReferenceTo.Select(r => (JsonNode?)r).ToArray()),
            ["relationshipName"] = f.RelationshipName,
            ["picklistValues"] = new JsonArray(f.Picklist.Select(v => (JsonNode?)new JsonObject
            {
                ["active"] = true, ["defaultValue"] = false, ["label"] = v, ["validFor"] = null, ["value"] = v,
            }).ToArray()),
        }).ToArray());
        describe["childRelationships"] = new JsonArray();
        describe["recordTypeInfos"] = new JsonArray();
        return describe;
    }

    private static string SoapType(string type) => type switch
    {
        "id" or "reference" => "tns:ID",
        "boolean" => "xsd:boolean",
        "datetime" => "xsd:dateTime",
        "date" => "xsd:date",
        "int" => "xsd:int",
        "double" or "currency" or "percent" => "xsd:double",
        _ => "xsd:string",
    };
}
