using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>
/// The EWS id the sync keys an item by, given its REST id: the same bytes in standard base64, or,
/// for an occurrence or exception of a recurring meeting, its recurring master's id (the sync keys a
/// series by its master, decision 3). One GetItem asks for both answers at once: the item itself
/// (IdOnly plus <c>calendar:CalendarItemType</c>) and, through <c>RecurringMasterItemId</c> with the
/// id as <c>OccurrenceId</c>, its master; the second answer counts only when the first says
/// Occurrence or Exception (what Exchange answers it for another item does not matter). Answers are
/// kept (<see cref="ItemIdCache"/>).
/// </summary>
internal sealed class EwsItemIds(EwsSoapClient client)
{
    private readonly ItemIdCache cache = new();

    public Task<OutlookSyncId> SyncIdAsync(string mailbox, string restId, CancellationToken cancellationToken)
    {
        var ewsId = RestItemId.ToEws(restId);
        return cache.GetOrLearnAsync(mailbox, ewsId, () => ReadAsync(mailbox, ewsId, cancellationToken));
    }

    private async Task<OutlookSyncId> ReadAsync(string mailbox, string ewsId, CancellationToken cancellationToken)
    {
        XElement[] entries = [EwsXml.ItemId(ewsId), new(EwsXml.T + "RecurringMasterItemId", new XAttribute("OccurrenceId", ewsId))];
        var answers = await EwsBatch.RunAsync(client, "GetItem", idempotent: true, mailbox, entries, Body, cancellationToken);
        var item = answers[0];
        if (!item.IsSuccess)
        {
            throw item.Code is OutlookItemIdException.NotFound or OutlookItemIdException.Malformed
                ? new OutlookItemIdException(item.Code, item.MessageText ?? item.Code)
                : item.IsServerBusy ? new EwsServerBusyException(item.MessageText ?? item.Code, item.BackOff) : new EwsException(item.Code, item.MessageText ?? item.Code);
        }

        var type = FirstItem(item)?.Element(EwsXml.T + "CalendarItemType")?.Value.Trim();
        if (type is not ("Occurrence" or "Exception"))
        {
            return new OutlookSyncId(ewsId);
        }

        var masterId = FirstItem(answers[1].EnsureSuccess())?.Element(EwsXml.T + "ItemId")?.Attribute("Id")?.Value;
        return masterId is { Length: > 0 }
            ? new OutlookSyncId(masterId, OfSeries: true)
            : throw new EwsException(EwsCodes.InvalidResponse, "GetItem answered the recurring master without an ItemId.");
    }

    private static XElement? FirstItem(EwsResponseMessage message) => message.Element.Element(EwsXml.M + "Items")?.Elements().FirstOrDefault();

    private static XElement Body(IEnumerable<XElement> itemIds) =>
        new(EwsXml.M + "GetItem",
            new XElement(EwsXml.M + "ItemShape",
                new XElement(EwsXml.T + "BaseShape", "IdOnly"),
                new XElement(EwsXml.T + "AdditionalProperties", EwsXml.FieldUri("calendar:CalendarItemType"))),
            new XElement(EwsXml.M + "ItemIds", itemIds));
}
