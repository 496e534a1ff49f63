using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews.Operations;

/// <summary>GetFolder on a distinguished folder (calendar, contacts, msgfolderroot): read-only, used by the connection test.</summary>
public sealed class GetFolderOperation(EwsSoapClient client)
{
    /// <param name="mailbox">The impersonated mailbox; null asks in the service account's own name.</param>
    /// <returns>The folder's EWS id.</returns>
    public Task<string> ExecuteAsync(string distinguishedFolderId, string? mailbox, CancellationToken cancellationToken)
    {
        var body = new XElement(EwsXml.M + "GetFolder",
            new XElement(EwsXml.M + "FolderShape", new XElement(EwsXml.T + "BaseShape", "IdOnly")),
            new XElement(EwsXml.M + "FolderIds", DistinguishedFolder(distinguishedFolderId)));
        return client.CallAsync("GetFolder", idempotent: true, body, mailbox, answer =>
        {
            var message = EwsResponseMessage.ListFrom(answer).Single().EnsureSuccess();
            return (string?)message.Element.Descendants(EwsXml.T + "FolderId").FirstOrDefault()?.Attribute("Id")
                ?? throw new EwsException(EwsCodes.InvalidResponse, "GetFolder answered without a FolderId.");
        }, cancellationToken);
    }

    public static XElement DistinguishedFolder(string id) => new(EwsXml.T + "DistinguishedFolderId", new XAttribute("Id", id));
}
