using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OutlookCrm.Emulators.Salesforce.Schema;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce;

/// <summary>
/// Creates, updates, upserts and deletes records with Salesforce's validation (required fields,
/// lengths, email format, ids and references, unique external ids, deleted records) and derived
/// fields (Name, IsClosed, Event times, system stamps).
/// </summary>
public sealed partial class RecordService(SalesforceOrg org)
{
    private const int MaxContactsPerEvent = 50;

    private ISalesforceStore Store => org.Store;

    public ObjectDef RequireType(string name) => org.Schema.Find(name) ?? throw SalesforceApiException.NotFound();

    /// <summary>Parses an id from a URL or body for <paramref name="type"/>: 15 or 18 characters, right prefix.</summary>
    public string RequireId(ObjectDef type, string text, string field = "Id")
    {
        var id = SalesforceIds.Normalize(text);
        if (id is null || SalesforceIds.Prefix(id) != type.KeyPrefix)
        {
            throw new SalesforceApiException(400, "MALFORMED_ID", $"{type.Label} ID: id value of incorrect type: {text}", [field]);
        }

        return id;
    }

    public SObjectRecord Create(ObjectDef type, JsonObject body, string userId, Transaction? tx = null, bool admin = false) =>
        Store.Exclusive(() =>
        {
            var values = ReadBody(type, body, creating: true, admin);
            var now = org.Now;
            var id = org.NewId(type);
            var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in type.Fields.Where(f => f.Type == "boolean"))
            {
                fields[field.Name] = false;
            }

            foreach (var (name, value) in values)
            {
                fields[name] = value;
            }

            fields["Id"] = id;
            fields["IsDeleted"] = false;
            if (type.Field("OwnerId") is not null && !values.ContainsKey("OwnerId"))
            {
                fields["OwnerId"] = userId;
            }

            fields.TryAdd("CreatedById", userId);
            fields["LastModifiedById"] = userId;
            fields.TryAdd("CreatedDate", now);
            fields["LastModifiedDate"] = now;
            fields["SystemModstamp"] = now;
            ApplyDefaults(type, fields, values.Keys, creating: true);
            var series = type.Name == "Event" && SeriesOnCreate(fields);
            Validate(type, fields, id);
            var record = new SObjectRecord(type, id, fields);
            Store.Put(record);
            tx?.Remember(id, null);
            AfterWrite(record, userId, tx);
            if (series)
            {
                MakeOccurrences(record, before: null, userId, tx);
            }

            return record;
        });

    public SObjectRecord Update(ObjectDef type, string id, JsonObject body, string userId, Transaction? tx = null, bool admin = false) =>
        Store.Exclusive(() =>
        {
            var existing = RequireLive(type, id);
            var values = ReadBody(type, body, creating: false, admin);
            var fields = new Dictionary<string, object?>(existing.Fields, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in values)
            {
                fields[name] = value;
            }

            var now = org.Now;
            fields["LastModifiedById"] = userId;
            fields["LastModifiedDate"] = now;
            fields["SystemModstamp"] = now;
            ApplyDefaults(type, fields, values.Keys, creating: false);
            var remake = type.Name == "Event" && SeriesOnUpdate(existing, fields, values.Keys);
            Validate(type, fields, id);
            var record = new SObjectRecord(type, id, fields);
            Store.Put(record);
            tx?.Remember(id, existing);
            AfterWrite(record, userId, tx);
            if (remake)
            {
                MakeOccurrences(record, existing, userId, tx);
            }

            return record;
        });

    /// <summary>Upsert by an external-id field (or Id): true when it created.</summary>
    public (SObjectRecord Record, bool Created) Upsert(ObjectDef type, string fieldName, string value, JsonObject body, string userId, Transaction? tx = null) =>
        Store.Exclusive(() =>
        {
            var field = type.Field(fieldName);
            if (field is null || !(field.ExternalId || field.Name == "Id"))
            {
                throw SalesforceApiException.NotFound();
            }

            if (field.Name == "Id")
            {
                var id = RequireId(type, value);
                return (Update(type, id, body, userId, tx), false);
            }

            var copy = (JsonObject)body.DeepClone();
            var existingKey = copy.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, field.Name, StringComparison.OrdinalIgnoreCase));
            if (existingKey is not null)
            {
                copy.Remove(existingKey);
            }

            var match = Store.FindUnique(type.Name, field.Name, value);
            if (match is not null)
            {
                return (Update(type, match.Id, copy, userId, tx), false);
            }

            copy[field.Name] = value;
            return (Create(type, copy, userId, tx), true);
        });

    public SObjectRecord Delete(ObjectDef? type, string id, string userId, Transaction? tx = null) =>
        Store.Exclusive(() =>
        {
            var existing = type is null ? (Store.Get(id) ?? throw EntityNotFound()) : RequireLive(type, id);
            if (existing.IsDeleted)
            {
                throw EntityDeleted();
            }

            var now = org.Now;
            var fields = new Dictionary<string, object?>(existing.Fields, StringComparer.OrdinalIgnoreCase)
            {
                ["IsDeleted"] = true,
                ["SystemModstamp"] = now,
                ["LastModifiedById"] = userId,
            };
            var deleted = new SObjectRecord(existing.Type, id, fields, now);
            Store.Put(deleted);
            tx?.Remember(id, existing);
            if (existing.Type.Name == "Event")
            {
                foreach (var relation in Store.Referencing("EventRelation", "EventId", id))
                {
                    Delete(null, relation.Id, userId, tx);
                }
            }

            return deleted;
        });

    /// <summary>The live record, or NOT_FOUND / ENTITY_IS_DELETED.</summary>
    public SObjectRecord RequireLive(ObjectDef type, string id)
    {
        var record = Store.Get(id);
        if (record is null || record.Type != type)
        {
            throw EntityNotFound();
        }

        return record.IsDeleted ? throw EntityDeleted() : record;
    }

    public static SalesforceApiException EntityDeleted() => new(404, "ENTITY_IS_DELETED", "entity is deleted", []);

    private static SalesforceApiException EntityNotFound() => SalesforceApiException.NotFound();

    private Dictionary<string, object?> ReadBody(ObjectDef type, JsonObject body, bool creating, bool admin)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<ApiError>();
        foreach (var (key, node) in body)
        {
            if (key == "attributes")
            {
                continue;
            }

            var field = type.Field(key) ?? throw new SalesforceApiException(400, "INVALID_FIELD", $"No such column '{key}' on sobject of type {type.Name}");
            var writable = creating ? field.Createable : field.Updateable;
            if (!writable && !(admin && field.Name != "Id"))
            {
                errors.Add(new ApiError("INVALID_FIELD_FOR_INSERT_UPDATE",
                    $"Unable to create/update fields: {field.Name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    [field.Name]));
                continue;
            }

            var value = SalesforceFormat.FromJson(field, node);
            if (field.Type == "reference" && value is string reference)
            {
                value = CheckReference(field, reference, errors);
            }

            values[field.Name] = value;
        }

        return errors.Count > 0 ? throw new SalesforceApiException(400, errors) : values;
    }

    private string? CheckReference(FieldDef field, string text, List<ApiError> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var id = SalesforceIds.Normalize(text);
        var target = id is null ? null : org.Schema.ForId(id);
        if (id is null || target is null || !field.ReferenceTo.Contains(target.Name))
        {
            errors.Add(new ApiError("MALFORMED_ID", $"{field.Label}: id value of incorrect type: {text}", [field.Name]));
            return null;
        }

        var record = Store.Get(id);
        if (record is null || record.IsDeleted)
        {
            errors.Add(new ApiError("INVALID_CROSS_REFERENCE_KEY", $"{field.Label}: invalid cross reference id", [field.Name]));
        }

        return id;
    }

    private void Validate(ObjectDef type, Dictionary<string, object?> fields, string id)
    {
        var errors = new List<ApiError>();
        var missing = type.Fields.Where(f => !f.Nillable && f.Type != "boolean" && !f.DefaultedOnCreate && !f.Calculated
            && (fields.GetValueOrDefault(f.Name) is null or ""))
            .Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            errors.Add(new ApiError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing));
        }

        foreach (var field in type.Fields)
        {
            if (fields.GetValueOrDefault(field.Name) is not string text)
            {
                continue;
            }

            if (field.Length > 0 && field.IsText && field.Type is not "id" and not "reference" && text.Length > field.Length)
            {
                errors.Add(new ApiError("STRING_TOO_LONG", $"{field.Label}: data value too large: {text} (max length={field.Length})", [field.Name]));
            }
            else if (field.Type == "email" && text.Length > 0 && !EmailPattern().IsMatch(text))
            {
                errors.Add(new ApiError("INVALID_EMAIL_ADDRESS", $"{field.Label}: invalid email address: {text}", [field.Name]));
            }
            else if (field.Unique && Store.FindUnique(type.Name, field.Name, text) is { } other && other.Id != id)
            {
                errors.Add(new ApiError("DUPLICATE_VALUE", $"duplicate value found: {field.Name} duplicates value on record with id: {other.Id}", [field.Name]));
            }
        }

        if (errors.Count > 0)
        {
            throw new SalesforceApiException(400, errors);
        }

        if (type.Name == "EventRelation")
        {
            CheckEventRelation(fields, id);
        }
    }

    private void ApplyDefaults(ObjectDef type, Dictionary<string, object?> fields, IEnumerable<string> given, bool creating)
    {
        var set = new HashSet<string>(given, StringComparer.OrdinalIgnoreCase);
        if (type.Field("Name") is { Calculated: true })
        {
            fields["Name"] = string.Join(' ', new[] { fields.GetValueOrDefault("FirstName") as string, fields.GetValueOrDefault("LastName") as string }
                .Where(s => !string.IsNullOrEmpty(s)));
        }

        switch (type.Name)
        {
            case "Lead":
                if (creating && fields.GetValueOrDefault("Status") is null)
                {
                    fields["Status"] = "Open - Not Contacted";
                }

                break;
            case "User":
                if (creating && !set.Contains("IsActive"))
                {
                    fields["IsActive"] = true;
                }

                break;
            case "Opportunity":
                var stage = fields.GetValueOrDefault("StageName") as string ?? "";
                fields["IsClosed"] = stage.StartsWith("Closed", StringComparison.OrdinalIgnoreCase);
                fields["IsWon"] = string.Equals(stage, "Closed Won", StringComparison.OrdinalIgnoreCase);
                break;
            case "EventRelation":
                if (creating && !set.Contains("IsParent"))
                {
                    fields["IsParent"] = !(fields.GetValueOrDefault("IsInvitee") is true);
                }

                if (creating && fields.GetValueOrDefault("Status") is null && fields.GetValueOrDefault("IsInvitee") is true)
                {
                    fields["Status"] = "New";
                }

                break;
            case "Event":
                if (creating && fields.GetValueOrDefault("ShowAs") is null)
                {
                    fields["ShowAs"] = "Busy";
                }

                EventTimes(fields, set, creating);
                break;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex EmailPattern();
}
