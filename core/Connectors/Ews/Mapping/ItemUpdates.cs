using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews.Mapping;

/// <summary>Builders for UpdateItem's SetItemField / DeleteItemField, one property each.</summary>
public sealed class ItemUpdates(string itemElement)
{
    private readonly List<XElement> updates = [];

    public IReadOnlyList<XElement> All => updates;

    /// <summary>Sets a plain property, or deletes it when the value is empty, so a cleared field is cleared in Exchange too.</summary>
    public ItemUpdates Field(string fieldUri, string elementName, string? value) =>
        string.IsNullOrEmpty(value)
            ? Delete(EwsXml.FieldUri(fieldUri))
            : Set(EwsXml.FieldUri(fieldUri), new XElement(EwsXml.T + elementName, value));

    public ItemUpdates Set(XElement uri, XElement value)
    {
        updates.Add(new XElement(EwsXml.T + "SetItemField", uri, new XElement(EwsXml.T + itemElement, value)));
        return this;
    }

    public ItemUpdates Delete(XElement uri)
    {
        updates.Add(new XElement(EwsXml.T + "DeleteItemField", uri));
        return this;
    }

    /// <summary>One entry of an indexed dictionary (EmailAddresses, PhoneNumbers): set or delete by key.</summary>
    public ItemUpdates Indexed(string fieldUri, string dictionary, string key, string? value) =>
        string.IsNullOrEmpty(value)
            ? Delete(EwsXml.IndexedFieldUri(fieldUri, key))
            : Set(EwsXml.IndexedFieldUri(fieldUri, key),
                new XElement(EwsXml.T + dictionary, new XElement(EwsXml.T + "Entry", new XAttribute("Key", key), value)));

    public ItemUpdates Partner(string? partnerId)
    {
        if (!string.IsNullOrEmpty(partnerId))
        {
            Set(EwsXml.PartnerFieldUri(), EwsXml.PartnerProperty(partnerId));
        }

        return this;
    }
}
