using System.Security;
using System.Text;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

/// <summary>
/// Builds answers in the shapes the EWS reference documents (envelope with ServerVersionInfo,
/// m:ResponseMessages, one *ResponseMessage per request item), for responses too large to keep as files.
/// </summary>
public static class EwsAnswers
{
    public static string Envelope(string operation, string messages) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
          <s:Header>
            <h:ServerVersionInfo MajorVersion="15" MinorVersion="2" MajorBuildNumber="1544" MinorBuildNumber="4" Version="V2017_07_11"
              xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types" />
          </s:Header>
          <s:Body>
            <m:{operation}Response xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
                xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
              <m:ResponseMessages>{messages}</m:ResponseMessages>
            </m:{operation}Response>
          </s:Body>
        </s:Envelope>
        """;

    public static string Success(string operation, string content = "") =>
        $"""<m:{operation}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>{content}</m:{operation}ResponseMessage>""";

    public static string Error(string operation, string code, string text, string extra = "") =>
        $"""<m:{operation}ResponseMessage ResponseClass="Error"><m:MessageText>{SecurityElement.Escape(text)}</m:MessageText><m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>{extra}</m:{operation}ResponseMessage>""";

    public static string Busy(string operation, long? backOffMs) => Error(operation, "ErrorServerBusy", "The server cannot service this request right now. Try again later.",
        backOffMs is null ? "" : $"""<m:MessageXml><t:Value Name="BackOffMilliseconds">{backOffMs}</t:Value></m:MessageXml>""");

    public static string SyncFolderItems(string syncState, bool includesLast, IEnumerable<string> changes) =>
        Envelope("SyncFolderItems", Success("SyncFolderItems",
            $"<m:SyncState>{syncState}</m:SyncState><m:IncludesLastItemInRange>{(includesLast ? "true" : "false")}</m:IncludesLastItemInRange><m:Changes>{string.Concat(changes)}</m:Changes>"));

    public static string Create(string itemElement, string id, string changeKey) =>
        $"""<t:Create><t:{itemElement}><t:ItemId Id="{id}" ChangeKey="{changeKey}"/></t:{itemElement}></t:Create>""";

    public static string Update(string itemElement, string id, string changeKey) =>
        $"""<t:Update><t:{itemElement}><t:ItemId Id="{id}" ChangeKey="{changeKey}"/></t:{itemElement}></t:Update>""";

    public static string Delete(string id) => $"""<t:Delete><t:ItemId Id="{id}"/></t:Delete>""";

    public static string ReadFlagChange(string id) => $"""<t:ReadFlagChange><t:ItemId Id="{id}"/><t:IsRead>true</t:IsRead></t:ReadFlagChange>""";

    /// <summary>A GetItem answer with one message per item, each holding the given item XML (t:Contact …).</summary>
    public static string GetItem(IEnumerable<string> items)
    {
        var messages = new StringBuilder();
        foreach (var item in items)
        {
            messages.Append(Success("GetItem", $"<m:Items>{item}</m:Items>"));
        }

        return Envelope("GetItem", messages.ToString());
    }

    public static string Contact(string id, string changeKey, string givenName, string surname, string email, string? partnerId = null) => $"""
        <t:Contact><t:ItemId Id="{id}" ChangeKey="{changeKey}"/>{Partner(partnerId)}<t:DisplayName>{givenName} {surname}</t:DisplayName>
        <t:GivenName>{givenName}</t:GivenName><t:EmailAddresses><t:Entry Key="EmailAddress1">{email}</t:Entry></t:EmailAddresses><t:Surname>{surname}</t:Surname></t:Contact>
        """;

    public static string Partner(string? partnerId) => partnerId is null ? "" : $"""
        <t:ExtendedProperty><t:ExtendedFieldURI PropertySetId="8c9a5b1e-3f7d-4c2a-9e61-5d0b7a4f2c13" PropertyName="OutlookCrmPartnerId" PropertyType="String"/><t:Value>{partnerId}</t:Value></t:ExtendedProperty>
        """;

    /// <summary>A SOAP 1.1 fault as Exchange sends it (HTTP 500), with its code in detail/e:ResponseCode.</summary>
    public static string Fault(string code, string message, long? backOffMs = null) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
          <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:{code}</faultcode>
          <faultstring xml:lang="en-US">{SecurityElement.Escape(message)}</faultstring>
          <detail>
            <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">{code}</e:ResponseCode>
            <e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">{SecurityElement.Escape(message)}</e:Message>
            {(backOffMs is null ? "" : $"""<t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><t:Value Name="BackOffMilliseconds">{backOffMs}</t:Value></t:MessageXml>""")}
          </detail>
        </s:Fault></s:Body></s:Envelope>
        """;
}
