using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph.Dtos;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Graph.Mapping;

/// <summary>Graph contact ↔ <see cref="Contact"/>. Graph keeps up to three email addresses and lists of phones; we map the first of each list.</summary>
internal static class ContactMapper
{
    public static Contact ToDomain(ContactDto dto) => new()
    {
        GivenName = dto.GivenName,
        Surname = dto.Surname,
        DisplayName = dto.DisplayName,
        Emails = (dto.EmailAddresses ?? [])
            .Select(e => e.Address)
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Select(a => a!)
            .Take(3)
            .ToList(),
        BusinessPhone = dto.BusinessPhones?.FirstOrDefault(),
        MobilePhone = dto.MobilePhone,
        HomePhone = dto.HomePhones?.FirstOrDefault(),
        CompanyName = dto.CompanyName,
        JobTitle = dto.JobTitle,
        Department = dto.Department,
        BusinessAddress = dto.BusinessAddress is { } a && (a.Street ?? a.City ?? a.State ?? a.PostalCode ?? a.CountryOrRegion) is not null
            ? new PostalAddress(a.Street, a.City, a.State, a.PostalCode, a.CountryOrRegion)
            : null,
        PartnerId = ExtendedProperties.Find(dto.SingleValueExtendedProperties, ExtendedProperties.PartnerId),
    };

    /// <summary>
    /// The POST/PATCH body. Every mapped field is written, nulls included, so a value cleared in the
    /// CRM is cleared in Outlook too. The partner id is stamped whenever we know it.
    /// </summary>
    public static JsonObject ToWriteBody(Contact contact)
    {
        var body = new JsonObject
        {
            ["givenName"] = contact.GivenName,
            ["surname"] = contact.Surname,
            ["displayName"] = contact.DisplayName ?? DisplayNameOf(contact),
            ["emailAddresses"] = new JsonArray(contact.Emails.Take(3)
                .Select(e => (JsonNode?)new JsonObject { ["address"] = e, ["name"] = contact.DisplayName ?? DisplayNameOf(contact) ?? e })
                .ToArray()),
            ["businessPhones"] = Phones(contact.BusinessPhone),
            ["mobilePhone"] = contact.MobilePhone,
            ["homePhones"] = Phones(contact.HomePhone),
            ["companyName"] = contact.CompanyName,
            ["jobTitle"] = contact.JobTitle,
            ["department"] = contact.Department,
            ["businessAddress"] = contact.BusinessAddress is { } a
                ? new JsonObject
                {
                    ["street"] = a.Street,
                    ["city"] = a.City,
                    ["state"] = a.State,
                    ["postalCode"] = a.PostalCode,
                    ["countryOrRegion"] = a.CountryOrRegion,
                }
                : new JsonObject(),
        };
        if (contact.PartnerId is not null)
        {
            body["singleValueExtendedProperties"] = ExtendedProperties.Stamp((ExtendedProperties.PartnerId, contact.PartnerId));
        }

        return body;
    }

    private static JsonArray Phones(string? phone) => string.IsNullOrWhiteSpace(phone) ? [] : [phone];

    private static string? DisplayNameOf(Contact contact)
    {
        var name = $"{contact.GivenName} {contact.Surname}".Trim();
        return name.Length > 0 ? name : null;
    }
}
