using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews.Operations;

public enum EwsChangeKind { Create, Update, Delete, ReadFlagChange }

/// <summary>One change: <see cref="ItemType"/> is the element name (Contact, CalendarItem, DistributionList…), null for deletes.</summary>
public sealed record EwsItemChange(EwsChangeKind Kind, string? ItemType, string Id, string? ChangeKey);

public sealed record SyncFolderItemsResult(string SyncState, bool IncludesLastItemInRange, IReadOnlyList<EwsItemChange> Changes);

/// <summary>
/// One SyncFolderItems call with the IdOnly shape: ids and ChangeKeys only; bodies come from GetItem.
/// The SyncState is the cursor. ErrorInvalidSyncStateData surfaces as an <see cref="EwsException"/>
/// with that code, for the caller to restart with a full sync.
/// </summary>
public sealed class SyncFolderItemsOperation(EwsSoapClient client)
{
    /// <summary>The protocol's own maximum per call.</summary>
    public const int MaxChangesReturned = 512;

    public Task<SyncFolderItemsResult> ExecuteAsync(string distinguishedFolderId, string? syncState, string mailbox, CancellationToken cancellationToken)
    {
        var body = new XElement(EwsXml.M + "SyncFolderItems",
            new XElement(EwsXml.M + "ItemShape", new XElement(EwsXml.T + "BaseShape", "IdOnly")),
            new XElement(EwsXml.M + "SyncFolderId", GetFolderOperation.DistinguishedFolder(distinguishedFolderId)),
            string.IsNullOrEmpty(syncState) ? null : new XElement(EwsXml.M + "SyncState", syncState),
            new XElement(EwsXml.M + "MaxChangesReturned", MaxChangesReturned),
            new XElement(EwsXml.M + "SyncScope", "NormalItems"));
        return client.CallAsync("SyncFolderItems", idempotent: true, body, mailbox, Parse, cancellationToken);
    }

    private static SyncFolderItemsResult Parse(XDocument answer)
    {
        var message = EwsResponseMessage.ListFrom(answer).Single().EnsureSuccess().Element;
        var changes = new List<EwsItemChange>();
        foreach (var change in message.Element(EwsXml.M + "Changes")?.Elements() ?? [])
        {
            if (!Enum.TryParse<EwsChangeKind>(change.Name.LocalName, out var kind))
            {
                continue;
            }

            // Create/Update wrap the item (t:Contact/t:ItemId); Delete and ReadFlagChange hold t:ItemId directly.
            var item = change.Elements().FirstOrDefault(e => e.Element(EwsXml.T + "ItemId") is not null);
            var itemId = item?.Element(EwsXml.T + "ItemId") ?? change.Element(EwsXml.T + "ItemId");
            if ((string?)itemId?.Attribute("Id") is not { } id)
            {
                continue;
            }

            changes.Add(new EwsItemChange(kind, item?.Name.LocalName, id, (string?)itemId.Attribute("ChangeKey")));
        }

        return new SyncFolderItemsResult(
            message.Element(EwsXml.M + "SyncState")?.Value ?? "",
            string.Equals(message.Element(EwsXml.M + "IncludesLastItemInRange")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase),
            changes);
    }
}
