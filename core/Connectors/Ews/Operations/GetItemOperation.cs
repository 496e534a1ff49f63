using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews.Operations;

/// <summary>
/// GetItem in batches: IdOnly plus exactly the properties the domain maps and our partner-id
/// property, bodies as text. Returns the items found, each mapped as its batch arrives (so only one
/// answer's XML is alive at a time, however many ids were asked for); ids Exchange no longer has are
/// left out.
/// </summary>
public sealed class GetItemOperation(EwsSoapClient client, int batchSize = GetItemOperation.DefaultBatchSize)
{
    /// <summary>
    /// As many ids as one SyncFolderItems page reports (<see cref="SyncFolderItemsOperation.MaxChangesReturned"/>), so
    /// a page's bodies cost one call; 512 contacts or meetings with text bodies stay far under the 32 MB answer bound.
    /// </summary>
    public const int DefaultBatchSize = SyncFolderItemsOperation.MaxChangesReturned;

    public async Task<IReadOnlyList<TItem>> ExecuteAsync<TItem>(
        IReadOnlyList<string> ids, IReadOnlyList<string> fieldUris, string mailbox, Func<XElement, TItem> map, CancellationToken cancellationToken)
    {
        var items = new List<TItem>(ids.Count);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(batchSize))
        {
            var entries = chunk.Select(id => EwsXml.ItemId(id)).ToList();
            var messages = await EwsBatch.RunAsync(client, "GetItem", idempotent: true, mailbox, entries, e => Body(e, fieldUris), cancellationToken);
            foreach (var message in messages)
            {
                if (message.IsSuccess)
                {
                    items.AddRange((message.Element.Element(EwsXml.M + "Items")?.Elements() ?? []).Select(map));
                }
                else if (message.IsServerBusy)
                {
                    throw new EwsServerBusyException(message.MessageText ?? message.Code, message.BackOff);
                }
                else if (message.Code is not (EwsCodes.ItemNotFound or "ErrorInvalidIdMalformed" or "ErrorInvalidIdNotAnItemAttachmentId"))
                {
                    throw new EwsException(message.Code, message.MessageText ?? message.Code);
                }
            }
        }

        return items;
    }

    private static XElement Body(IEnumerable<XElement> itemIds, IReadOnlyList<string> fieldUris) =>
        new(EwsXml.M + "GetItem",
            new XElement(EwsXml.M + "ItemShape",
                new XElement(EwsXml.T + "BaseShape", "IdOnly"),
                new XElement(EwsXml.T + "BodyType", "Text"),
                new XElement(EwsXml.T + "AdditionalProperties",
                    fieldUris.Select(EwsXml.FieldUri),
                    EwsXml.PartnerFieldUri())),
            new XElement(EwsXml.M + "ItemIds", itemIds));
}
