using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>Graph's <c>contact</c> resource ↔ <see cref="ContactItem"/>.</summary>
internal static class ContactJson
{
    /// <summary>Properties of microsoft.graph.contact that the emulator accepts but does not keep.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "@odata.type", "@odata.etag", "id", "changeKey", "createdDateTime", "lastModifiedDateTime", "parentFolderId", "birthday", "fileAs",
        "initials", "title", "generation", "yomiGivenName", "yomiSurname", "yomiCompanyName", "officeLocation", "profession",
        "businessHomePage", "assistantName", "manager", "spouseName", "children", "imAddresses", "homeAddress", "otherAddress",
    };

    public static JsonObject Write(MailboxInfo box, ContactItem c, bool immutable)
    {
        var json = GraphJson.Header(c, GraphJson.Id(box, c.Key, immutable), c.ChangeKey);
        json["parentFolderId"] = new ItemId(ItemIdKind.Folder, box.Id, box.ContactsFolderId).ToGraph();
        json["birthday"] = null;
        json["fileAs"] = c.EffectiveDisplayName;
        json["displayName"] = c.EffectiveDisplayName;
        json["givenName"] = c.GivenName;
        json["initials"] = null;
        json["middleName"] = c.MiddleName;
        json["nickName"] = c.NickName;
        json["surname"] = c.Surname;
        json["title"] = null;
        json["jobTitle"] = c.JobTitle;
        json["companyName"] = c.CompanyName;
        json["department"] = c.Department;
        json["officeLocation"] = null;
        json["homePhones"] = GraphJson.Strings(c.HomePhones);
        json["mobilePhone"] = c.MobilePhone;
        json["businessPhones"] = GraphJson.Strings(c.BusinessPhones);
        json["personalNotes"] = c.Notes ?? "";
        json["emailAddresses"] = new JsonArray(c.EmailAddresses.Where(e => e is not null)
            .Select(e => (JsonNode?)new JsonObject { ["name"] = e!.Name ?? e.Address, ["address"] = e.Address }).ToArray());
        json["homeAddress"] = new JsonObject();
        json["businessAddress"] = Address(c.BusinessAddress);
        json["otherAddress"] = new JsonObject();
        return json;
    }

    /// <summary>Applies a POST or PATCH body; null error = success.</summary>
    public static string? Apply(JsonObject body, ref ContactItem contact)
    {
        foreach (var (name, value) in body)
        {
            string? error = null;
            switch (name)
            {
                case "displayName": contact = contact with { DisplayName = GraphJson.String(value) }; break;
                case "givenName": contact = contact with { GivenName = GraphJson.String(value) }; break;
                case "middleName": contact = contact with { MiddleName = GraphJson.String(value) }; break;
                case "surname": contact = contact with { Surname = GraphJson.String(value) }; break;
                case "nickName": contact = contact with { NickName = GraphJson.String(value) }; break;
                case "companyName": contact = contact with { CompanyName = GraphJson.String(value) }; break;
                case "jobTitle": contact = contact with { JobTitle = GraphJson.String(value) }; break;
                case "department": contact = contact with { Department = GraphJson.String(value) }; break;
                case "mobilePhone": contact = contact with { MobilePhone = GraphJson.String(value) }; break;
                case "personalNotes": contact = contact with { Notes = GraphJson.String(value) }; break;
                case "businessPhones": contact = contact with { BusinessPhones = Strings(value, ref error) }; break;
                case "homePhones": contact = contact with { HomePhones = Strings(value, ref error) }; break;
                case "categories": contact = contact with { Categories = Strings(value, ref error) }; break;
                case "emailAddresses": contact = contact with { EmailAddresses = Emails(value, ref error) }; break;
                case "businessAddress": contact = contact with { BusinessAddress = ReadAddress(value) }; break;
                case "singleValueExtendedProperties":
                    if (GraphJson.TryReadExtendedProperties(value, out var properties, out error))
                    {
                        foreach (var p in properties)
                        {
                            contact = (ContactItem)contact.WithExtendedProperty(p);
                        }
                    }

                    break;
                default:
                    if (!Ignored.Contains(name))
                    {
                        error = $"The property '{name}' does not exist on type 'microsoft.graph.contact'. Make sure to only use property names that are defined by the type or mark the type as open type.";
                    }

                    break;
            }

            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static JsonObject Address(PhysicalAddress? a) => a is null || a.IsEmpty
        ? new JsonObject()
        : new JsonObject
        {
            ["street"] = a.Street,
            ["city"] = a.City,
            ["state"] = a.State,
            ["countryOrRegion"] = a.CountryOrRegion,
            ["postalCode"] = a.PostalCode,
        };

    private static PhysicalAddress? ReadAddress(JsonNode? node) => node is JsonObject o
        ? new PhysicalAddress(GraphJson.String(o["street"]), GraphJson.String(o["city"]), GraphJson.String(o["state"]),
            GraphJson.String(o["postalCode"]), GraphJson.String(o["countryOrRegion"]))
        : null;

    private static ImmutableArray<string> Strings(JsonNode? node, ref string? error)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            error = "A collection value was expected.";
            return [];
        }

        return [.. array.Select(GraphJson.String).Where(s => s is not null).Select(s => s!)];
    }

    private static ImmutableArray<EmailEntry?> Emails(JsonNode? node, ref string? error)
    {
        var slots = new EmailEntry?[3];
        if (node is JsonArray array)
        {
            if (array.Count > 3)
            {
                error = "A contact can have at most three email addresses.";
                return [.. slots];
            }

            for (var i = 0; i < array.Count; i++)
            {
                var address = GraphJson.String(array[i]?["address"]);
                slots[i] = string.IsNullOrEmpty(address) ? null : new EmailEntry(GraphJson.String(array[i]?["name"]), address);
            }
        }

        return [.. slots];
    }
}
