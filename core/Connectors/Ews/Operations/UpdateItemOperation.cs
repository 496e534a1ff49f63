using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews.Operations;

/// <summary>
/// UpdateItem for many items in one call. Each change names the ChangeKey we read and
/// <c>ConflictResolution="NeverOverwrite"</c>, so an item edited since then answers
/// ErrorIrresolvableConflict instead of being overwritten. <c>SendMeetingInvitationsOrCancellations="SendToNone"</c> always.
/// </summary>
public sealed class UpdateItemOperation(EwsSoapClient client)
{
    public Task<IReadOnlyList<EwsResponseMessage>> ExecuteAsync(IReadOnlyList<XElement> itemChanges, string mailbox, CancellationToken cancellationToken) =>
        EwsBatch.RunAsync(client, "UpdateItem", idempotent: false, mailbox, itemChanges, batch =>
            new XElement(EwsXml.M + "UpdateItem",
                new XAttribute("ConflictResolution", "NeverOverwrite"),
                new XAttribute("SendMeetingInvitationsOrCancellations", "SendToNone"),
                new XElement(EwsXml.M + "ItemChanges", batch)), cancellationToken);

    /// <summary>A <c>t:ItemChange</c>: the id with its expected ChangeKey and the Set/DeleteItemField updates.</summary>
    public static XElement ItemChange(string id, string? changeKey, IEnumerable<XElement> updates) =>
        new(EwsXml.T + "ItemChange", EwsXml.ItemId(id, changeKey), new XElement(EwsXml.T + "Updates", updates));
}
