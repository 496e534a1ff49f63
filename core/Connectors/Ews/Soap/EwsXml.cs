using System.Xml.Linq;

namespace OutlookCrm.Core.Connectors.Ews.Soap;

/// <summary>The XML namespaces and fixed values of the EWS wire format.</summary>
public static class EwsXml
{
    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static readonly XNamespace M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static readonly XNamespace Errors = "http://schemas.microsoft.com/exchange/services/2006/errors";

    /// <summary>Exchange 2013 SP1 is the oldest schema with StartTimeZoneId and everything we read.</summary>
    public const string ServerVersion = "Exchange2013_SP1";

    /// <summary>
    /// Our named property (crash safety): the partner's CRM id, stamped on every item we create so a
    /// create retried after a crash is recognised. The GUID is ours alone; never change it.
    /// </summary>
    public const string PartnerPropertySetId = "8c9a5b1e-3f7d-4c2a-9e61-5d0b7a4f2c13";
    public const string PartnerPropertyName = "OutlookCrmPartnerId";

    public static XElement PartnerFieldUri() => new(T + "ExtendedFieldURI",
        new XAttribute("PropertySetId", PartnerPropertySetId),
        new XAttribute("PropertyName", PartnerPropertyName),
        new XAttribute("PropertyType", "String"));

    public static XElement PartnerProperty(string value) => new(T + "ExtendedProperty", PartnerFieldUri(), new XElement(T + "Value", value));

    /// <summary>Reads our partner id back from an item's ExtendedProperty elements.</summary>
    public static string? ReadPartnerId(XElement item) =>
        item.Elements(T + "ExtendedProperty")
            .FirstOrDefault(p => p.Element(T + "ExtendedFieldURI") is { } uri
                && string.Equals((string?)uri.Attribute("PropertySetId"), PartnerPropertySetId, StringComparison.OrdinalIgnoreCase)
                && (string?)uri.Attribute("PropertyName") == PartnerPropertyName)
            ?.Element(T + "Value")?.Value;

    public static XElement ItemId(string id, string? changeKey = null) => changeKey is null
        ? new XElement(T + "ItemId", new XAttribute("Id", id))
        : new XElement(T + "ItemId", new XAttribute("Id", id), new XAttribute("ChangeKey", changeKey));

    public static XElement FieldUri(string uri) => new(T + "FieldURI", new XAttribute("FieldURI", uri));

    public static XElement IndexedFieldUri(string uri, string index) =>
        new(T + "IndexedFieldURI", new XAttribute("FieldURI", uri), new XAttribute("FieldIndex", index));
}
