using System.Xml.Linq;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>An authorised EWS call: the operation element, the target mailbox and the request's time zone and id type.</summary>
internal sealed record EwsRequest(string Operation, XElement Body, MailboxInfo Box, TimeZoneInfo Zone, string ZoneName, bool ImmutableIds);

/// <summary>A request-level failure, written as a SOAP fault (HTTP 500).</summary>
internal sealed class EwsFaultException(EwsError error) : Exception(error.Message)
{
    public EwsError Error { get; } = error;
}

/// <summary>An item id from a request resolved against the store: the item, and the occurrence's original start when it names one.</summary>
internal sealed record ResolvedItem(MailboxItem Item, DateTime? OriginalStartUtc, string? ChangeKey)
{
    public EventInstance? Occurrence => Item is EventItem e && OriginalStartUtc is { } o ? RecurrenceExpander.Occurrence(e, o) : null;
}

internal static class EwsIds
{
    /// <summary>ItemId, OccurrenceItemId (master + InstanceIndex) or RecurringMasterItemId (an occurrence's master).</summary>
    public static ResolvedItem? Resolve(IMailboxStore store, MailboxInfo box, XElement id, out EwsError? error)
    {
        error = null;
        if (id.Name == T + "OccurrenceItemId")
        {
            if (Item(store, box, id.Attribute("RecurringMasterId")?.Value, out error) is not { Item: EventItem master })
            {
                error ??= EwsError.ItemNotFound;
                return null;
            }

            var index = int.TryParse(id.Attribute("InstanceIndex")?.Value, out var n) ? n : 0;
            if (RecurrenceExpander.NthOriginalStart(master, index) is not { } original || RecurrenceExpander.Occurrence(master, original) is null)
            {
                error = new EwsError("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange", "The occurrence index is out of the recurrence range.");
                return null;
            }

            return new ResolvedItem(master, original, id.Attribute("ChangeKey")?.Value);
        }

        if (id.Name == T + "RecurringMasterItemId")
        {
            var resolved = Item(store, box, id.Attribute("OccurrenceId")?.Value, out error);
            return resolved is null ? null : resolved with { OriginalStartUtc = null, ChangeKey = id.Attribute("ChangeKey")?.Value };
        }

        return Item(store, box, id.Attribute("Id")?.Value, out error) is { } item ? item with { ChangeKey = id.Attribute("ChangeKey")?.Value } : null;
    }

    private static ResolvedItem? Item(IMailboxStore store, MailboxInfo box, string? text, out EwsError? error)
    {
        error = null;
        if (!ItemId.TryParse(text, out var id) || id.Kind == ItemIdKind.Folder)
        {
            error = EwsError.IdMalformed;
            return null;
        }

        if (id.Mailbox != box.Id || store.Get(box.Id, id.Item) is not { IsDeleted: false } item)
        {
            error = EwsError.ItemNotFound;
            return null;
        }

        if (id.Kind == ItemIdKind.Occurrence)
        {
            if (item is not EventItem e || RecurrenceExpander.Occurrence(e, id.OriginalStartUtc) is null)
            {
                error = EwsError.ItemNotFound;
                return null;
            }

            return new ResolvedItem(item, id.OriginalStartUtc, null);
        }

        return new ResolvedItem(item, null, null);
    }

    /// <summary>DistinguishedFolderId (calendar, contacts) or a FolderId of one of them.</summary>
    public static FolderKind? Folder(MailboxInfo box, XElement? parent, out EwsError? error)
    {
        error = null;
        var folder = parent?.Elements().FirstOrDefault();
        if (folder?.Name == T + "DistinguishedFolderId")
        {
            if (folder.Element(T + "Mailbox")?.Element(T + "EmailAddress")?.Value is { } other
                && !string.Equals(other, box.Smtp, StringComparison.OrdinalIgnoreCase))
            {
                error = new EwsError("ErrorAccessDenied", "Access is denied. Check credentials and try again.");
                return null;
            }

            switch (folder.Attribute("Id")?.Value)
            {
                case "calendar": return FolderKind.Calendar;
                case "contacts": return FolderKind.Contacts;
            }
        }
        else if (folder?.Name == T + "FolderId")
        {
            if (!ItemId.TryParse(folder.Attribute("Id")?.Value, out var id) || id.Kind != ItemIdKind.Folder)
            {
                error = EwsError.IdMalformed;
                return null;
            }

            if (id.Mailbox == box.Id && id.Item == box.CalendarFolderId)
            {
                return FolderKind.Calendar;
            }

            if (id.Mailbox == box.Id && id.Item == box.ContactsFolderId)
            {
                return FolderKind.Contacts;
            }
        }

        error = EwsError.FolderNotFound;
        return null;
    }
}
