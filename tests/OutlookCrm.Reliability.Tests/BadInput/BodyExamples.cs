using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Reliability.Tests.Support;

namespace OutlookCrm.Reliability.Tests.BadInput;

/// <summary>
/// A well-formed body and path values for each endpoint, so that malformed requests differ from a valid
/// one in one place and get past the other checks. Bodies of the contract are written out; any other
/// body type (a new endpoint's) is sketched from its properties.
/// </summary>
public static class BodyExamples
{
    public static JsonNode For(Type type, ApiWorld world) => type.Name switch
    {
        "LookupRequest" => new JsonObject { ["emails"] = new JsonArray("bob@fabrikam.com", "carol@fabrikam.com") },
        "CreateContactRequest" => Parse("""{"email":"new.person@fabrikam.com","firstName":"New","lastName":"Person","title":"CTO","asLead":false}"""),
        "CrmLinkRequest" => Parse("""
            {"subject":"Review","start":"2026-12-01T09:00:00Z","end":"2026-12-01T09:30:00Z","isAllDay":false,"location":"Room 1",
             "body":"Agenda","attendees":["bob@fabrikam.com"],"whoIds":["003000000000001AAA"],"whatId":"006000000000001AAA"}
            """),
        "ExchangeConnection" => world.ExchangeConnection,
        "CrmConnection" => world.CrmConnection,
        "ExchangeTestRequest" or "SyncRunRequest" => new JsonObject { ["mailbox"] = ApiWorld.User },
        "SyncConfigurationRequest" => Parse("""
            {"active":true,"users":["alice@contoso.com"],
             "contacts":{"direction":"both","conflictWinner":"crm","propagateDeletes":true},
             "events":{"direction":"both","conflictWinner":"exchange","syncFrom":"2026-01-01","includePrivate":false,"propagateDeletes":true},
             "fieldMappings":{"contacts":[{"crm":"Title","exchange":"jobTitle"}],"events":[]}}
            """),
        _ => Sketch(type, depth: 0),
    };

    /// <summary>A value a route parameter would carry in a valid call, by the parameter's name.</summary>
    public static string PathValue(string parameter) => parameter.ToLowerInvariant() switch
    {
        "mailbox" => ApiWorld.User,
        "name" => "sales",
        "id" => "1",
        _ => "AAMkADAwATM0MDAAMS1iNTcwLWI2ZDYtMDACLTAwCgBGAAAD",
    };

    /// <summary>A JSON value of the type's shape: strings, numbers, booleans, dates, lists of one, nested objects.</summary>
    private static JsonNode Sketch(Type type, int depth)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner == typeof(string))
        {
            return JsonValue.Create("x");
        }

        if (inner == typeof(bool))
        {
            return JsonValue.Create(false);
        }

        if (inner.IsPrimitive || inner == typeof(decimal))
        {
            return JsonValue.Create(1);
        }

        if (inner == typeof(DateTimeOffset) || inner == typeof(DateTime))
        {
            return JsonValue.Create("2026-12-01T09:00:00Z");
        }

        if (inner == typeof(DateOnly))
        {
            return JsonValue.Create("2026-12-01");
        }

        if (inner.IsEnum)
        {
            return JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(inner)[0]));
        }

        if (inner != typeof(string) && typeof(IEnumerable).IsAssignableFrom(inner))
        {
            var element = inner.IsArray ? inner.GetElementType()! : inner.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            return new JsonArray(depth < 3 ? Sketch(element, depth + 1) : JsonValue.Create("x"));
        }

        var sketch = new JsonObject();
        if (depth < 3)
        {
            foreach (var property in inner.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.GetSetMethod(true) is not null))
            {
                sketch[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Sketch(property.PropertyType, depth + 1);
            }
        }

        return sketch;
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
