using System.Xml.Linq;

namespace OutlookCrm.Core.Connectors.Ews.Soap;

/// <summary>Builds the SOAP 1.1 request envelope: schema version and, for mailbox calls, impersonation.</summary>
public static class EwsEnvelope
{
    /// <param name="impersonate">The mailbox to act as; null for calls in the service account's own name.</param>
    public static XDocument Build(XElement body, string? impersonate)
    {
        var header = new XElement(EwsXml.Soap + "Header",
            new XElement(EwsXml.T + "RequestServerVersion", new XAttribute("Version", EwsXml.ServerVersion)));
        if (impersonate is not null)
        {
            header.Add(new XElement(EwsXml.T + "ExchangeImpersonation",
                new XElement(EwsXml.T + "ConnectingSID", new XElement(EwsXml.T + "SmtpAddress", impersonate))));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(EwsXml.Soap + "Envelope",
                new XAttribute(XNamespace.Xmlns + "soap", EwsXml.Soap),
                new XAttribute(XNamespace.Xmlns + "t", EwsXml.T),
                new XAttribute(XNamespace.Xmlns + "m", EwsXml.M),
                header,
                new XElement(EwsXml.Soap + "Body", body)));
    }
}
