using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews.Operations;

/// <summary>
/// DeleteItem for many items in one call. Items go to Deleted Items (a user can still recover what
/// a sync removed); <c>SendMeetingCancellations="SendToNone"</c> always.
/// </summary>
public sealed class DeleteItemOperation(EwsSoapClient client)
{
    public Task<IReadOnlyList<EwsResponseMessage>> ExecuteAsync(IReadOnlyList<string> ids, string mailbox, CancellationToken cancellationToken) =>
        EwsBatch.RunAsync(client, "DeleteItem", idempotent: false, mailbox, ids.Select(id => EwsXml.ItemId(id)).ToList(), batch =>
            new XElement(EwsXml.M + "DeleteItem",
                new XAttribute("DeleteType", "MoveToDeletedItems"),
                new XAttribute("SendMeetingCancellations", "SendToNone"),
                new XAttribute("AffectedTaskOccurrences", "AllOccurrences"),
                new XElement(EwsXml.M + "ItemIds", batch)), cancellationToken);
}
