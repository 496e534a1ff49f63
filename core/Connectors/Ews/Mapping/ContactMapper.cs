using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>Exchange contact ↔ <see cref="Contact"/>: names, three emails, three phones, company and the business address.</summary>
public sealed class ContactMapper : IEwsItemMapper<Contact>
{
    private static readonly XNamespace T = EwsXml.T;
    private static readonly string[] EmailKeys = ["EmailAddress1", "EmailAddress2", "EmailAddress3"];
    private static readonly (string Field, string Element)[] AddressParts =
        [("Street", "Street"), ("City", "City"), ("State", "State"), ("CountryOrRegion", "CountryOrRegion"), ("PostalCode", "PostalCode")];

    public string FolderId => "contacts";

    public string ItemElement => "Contact";

    public bool ReadsBodiesForScope => false;

    public IReadOnlyList<string> FieldUris { get; } =
    [
        "contacts:DisplayName", "contacts:GivenName", "contacts:Surname", "contacts:CompanyName", "contacts:JobTitle",
        "contacts:Department", "contacts:EmailAddresses", "contacts:PhoneNumbers", "contacts:PhysicalAddresses",
    ];

    public bool InScope(Contact body, SyncScope scope) => true;

    public Contact Read(XElement item)
    {
        var address = Entry(item, "PhysicalAddresses", "Business");
        return new Contact
        {
            DisplayName = Text(item, "DisplayName"),
            GivenName = Text(item, "GivenName"),
            Surname = Text(item, "Surname"),
            CompanyName = Text(item, "CompanyName"),
            JobTitle = Text(item, "JobTitle"),
            Department = Text(item, "Department"),
            Emails = EmailKeys.Select(k => Entry(item, "EmailAddresses", k)?.Value.Trim()).OfType<string>().Where(e => e.Length > 0).ToList(),
            BusinessPhone = Entry(item, "PhoneNumbers", "BusinessPhone")?.Value,
            MobilePhone = Entry(item, "PhoneNumbers", "MobilePhone")?.Value,
            HomePhone = Entry(item, "PhoneNumbers", "HomePhone")?.Value,
            BusinessAddress = address is null ? null : new PostalAddress(
                Text(address, "Street"), Text(address, "City"), Text(address, "State"), Text(address, "PostalCode"), Text(address, "CountryOrRegion")),
            PartnerId = EwsXml.ReadPartnerId(item),
        };
    }

    public XElement ToNewItem(Contact c)
    {
        var emails = c.Emails.Take(3).Select((e, i) => new XElement(T + "Entry", new XAttribute("Key", EmailKeys[i]), e)).ToList();
        var phones = Phones(c).Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new XElement(T + "Entry", new XAttribute("Key", p.Key), p.Value)).ToList();
        var address = c.BusinessAddress is null ? null : new XElement(T + "PhysicalAddresses", new XElement(T + "Entry", new XAttribute("Key", "Business"),
            AddressParts.Select(p => Optional(p.Element, AddressValue(c.BusinessAddress, p.Field)))));

        // Element order is the ContactItemType schema order; Exchange rejects anything else.
        return new XElement(T + "Contact",
            string.IsNullOrEmpty(c.PartnerId) ? null : EwsXml.PartnerProperty(c.PartnerId),
            Optional("DisplayName", c.DisplayName),
            Optional("GivenName", c.GivenName),
            Optional("CompanyName", c.CompanyName),
            emails.Count == 0 ? null : new XElement(T + "EmailAddresses", emails),
            address,
            phones.Count == 0 ? null : new XElement(T + "PhoneNumbers", phones),
            Optional("Department", c.Department),
            Optional("JobTitle", c.JobTitle),
            Optional("Surname", c.Surname));
    }

    public IEnumerable<XElement> ToUpdates(Contact c)
    {
        var updates = new ItemUpdates(ItemElement)
            .Field("contacts:DisplayName", "DisplayName", c.DisplayName)
            .Field("contacts:GivenName", "GivenName", c.GivenName)
            .Field("contacts:Surname", "Surname", c.Surname)
            .Field("contacts:CompanyName", "CompanyName", c.CompanyName)
            .Field("contacts:JobTitle", "JobTitle", c.JobTitle)
            .Field("contacts:Department", "Department", c.Department);
        for (var i = 0; i < EmailKeys.Length; i++)
        {
            updates.Indexed("contacts:EmailAddress", "EmailAddresses", EmailKeys[i], i < c.Emails.Count ? c.Emails[i] : null);
        }

        foreach (var (key, value) in Phones(c))
        {
            updates.Indexed("contacts:PhoneNumber", "PhoneNumbers", key, value);
        }

        foreach (var (field, element) in AddressParts)
        {
            var uri = EwsXml.IndexedFieldUri("contacts:PhysicalAddress:" + field, "Business");
            var value = AddressValue(c.BusinessAddress, field);
            if (string.IsNullOrEmpty(value))
            {
                updates.Delete(uri);
            }
            else
            {
                updates.Set(uri, new XElement(T + "PhysicalAddresses", new XElement(T + "Entry", new XAttribute("Key", "Business"), new XElement(T + element, value))));
            }
        }

        return updates.Partner(c.PartnerId).All;
    }

    private static IEnumerable<(string Key, string? Value)> Phones(Contact c) =>
        [("BusinessPhone", c.BusinessPhone), ("HomePhone", c.HomePhone), ("MobilePhone", c.MobilePhone)];

    private static string? AddressValue(PostalAddress? a, string field) => field switch
    {
        "Street" => a?.Street,
        "City" => a?.City,
        "State" => a?.State,
        "CountryOrRegion" => a?.CountryOrRegion,
        _ => a?.PostalCode,
    };

    private static XElement? Entry(XElement item, string dictionary, string key) =>
        item.Element(T + dictionary)?.Elements(T + "Entry").FirstOrDefault(e => (string?)e.Attribute("Key") == key);

    private static string? Text(XElement parent, string name) => parent.Element(T + name)?.Value is { Length: > 0 } v ? v : null;

    private static XElement? Optional(string name, string? value) => string.IsNullOrEmpty(value) ? null : new XElement(T + name, value);
}
