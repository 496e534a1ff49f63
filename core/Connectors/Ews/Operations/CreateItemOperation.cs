using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews.Operations;

/// <summary>
/// CreateItem for many items in one call, one response message per item in request order.
/// <c>SendMeetingInvitations="SendToNone"</c> always: a sync must never email attendees.
/// </summary>
public sealed class CreateItemOperation(EwsSoapClient client)
{
    public Task<IReadOnlyList<EwsResponseMessage>> ExecuteAsync(string distinguishedFolderId, IReadOnlyList<XElement> items, string mailbox, CancellationToken cancellationToken) =>
        EwsBatch.RunAsync(client, "CreateItem", idempotent: false, mailbox, items, batch =>
            new XElement(EwsXml.M + "CreateItem",
                new XAttribute("SendMeetingInvitations", "SendToNone"),
                new XElement(EwsXml.M + "SavedItemFolderId", GetFolderOperation.DistinguishedFolder(distinguishedFolderId)),
                new XElement(EwsXml.M + "Items", batch)), cancellationToken);
}
