using System.Globalization;
using System.Xml.Linq;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>GetFolder, SyncFolderItems, FindItem (CalendarView, IndexedPageItemView) and GetItem.</summary>
internal sealed class EwsReadOperations(IMailboxStore store)
{
    public const int MaxSyncChanges = 512;
    private const string SyncFront = "ews";

    public XElement GetFolder(EwsRequest r)
    {
        var messages = new List<XElement>();
        foreach (var folderId in r.Body.Element(M + "FolderIds")?.Elements() ?? [])
        {
            if (folderId.Name == T + "DistinguishedFolderId" && folderId.Attribute("Id")?.Value is "msgfolderroot" or "root")
            {
                // The top of the mailbox: what a client opens to check it may act as the mailbox at all.
                messages.Add(Success(r.Operation, new XElement(M + "Folders", new XElement(T + "Folder",
                    new XElement(T + "FolderId", new XAttribute("Id", new ItemId(ItemIdKind.Folder, r.Box.Id, r.Box.Id).ToEws()), new XAttribute("ChangeKey", "AQAAABYAAAA=")),
                    new XElement(T + "DisplayName", "Top of Information Store"),
                    new XElement(T + "TotalCount", 0),
                    new XElement(T + "ChildFolderCount", 2)))));
                continue;
            }

            var kind = EwsIds.Folder(r.Box, new XElement("wrap", folderId), out var error);
            if (kind is null)
            {
                messages.Add(EwsXml.Error(r.Operation, error!, new XElement(M + "Folders")));
                continue;
            }

            var calendar = kind == FolderKind.Calendar;
            var folder = new XElement(T + (calendar ? "CalendarFolder" : "ContactsFolder"),
                new XElement(T + "FolderId", new XAttribute("Id", new ItemId(ItemIdKind.Folder, r.Box.Id, r.Box.FolderId(kind.Value)).ToEws()),
                    new XAttribute("ChangeKey", "AgAAABYAAAA=")),
                new XElement(T + "FolderClass", calendar ? "IPF.Appointment" : "IPF.Contact"),
                new XElement(T + "DisplayName", calendar ? "Calendar" : "Contacts"),
                new XElement(T + "TotalCount", store.Count(r.Box.Id, kind.Value)),
                new XElement(T + "ChildFolderCount", 0));
            messages.Add(Success(r.Operation, new XElement(M + "Folders", folder)));
        }

        return Response(r.Operation, messages);
    }

    public XElement SyncFolderItems(EwsRequest r)
    {
        var shape = EwsShape.Parse(r.Body.Element(M + "ItemShape"), out var shapeError);
        if (shapeError is not null)
        {
            throw new EwsFaultException(shapeError);
        }

        if (!int.TryParse(r.Body.Element(M + "MaxChangesReturned")?.Value, out var max) || max < 1 || max > MaxSyncChanges)
        {
            throw new EwsFaultException(EwsError.Schema($"MaxChangesReturned must be between 1 and {MaxSyncChanges}."));
        }

        var kind = EwsIds.Folder(r.Box, r.Body.Element(M + "SyncFolderId"), out var folderError);
        if (kind is null)
        {
            return Response(r.Operation, [EwsXml.Error(r.Operation, folderError!)]);
        }

        long from = 0;
        var stateText = r.Body.Element(M + "SyncState")?.Value;
        if (!string.IsNullOrWhiteSpace(stateText))
        {
            var token = ChangeToken.TryDecode(stateText, SyncFront);
            if (token is null || !token.IsCurrent(store, r.Box.Id, kind.Value))
            {
                return Response(r.Operation, [EwsXml.Error(r.Operation, EwsError.InvalidSyncState)]);
            }

            from = token.Seq;
        }

        var page = store.Changes(r.Box.Id, kind.Value, from, max);
        var changes = new XElement(M + "Changes");
        foreach (var change in page.Changes)
        {
            changes.Add(change.Kind switch
            {
                ChangeKind.Delete => new XElement(T + "Delete", EwsItemWriter.ItemId(r.Box, change.Item.Key, change.Item.ChangeKey, r.ImmutableIds)),
                ChangeKind.Create => new XElement(T + "Create", EwsItemWriter.Write(r.Box, change.Item, shape, r.ImmutableIds)),
                _ => new XElement(T + "Update", EwsItemWriter.Write(r.Box, change.Item, shape, r.ImmutableIds)),
            });
        }

        var state = new ChangeToken(SyncFront, r.Box.Id, kind.Value, store.Epoch, page.NextSeq).Encode();
        return Response(r.Operation, [Success(r.Operation,
            new XElement(M + "SyncState", state),
            new XElement(M + "IncludesLastItemInRange", Bool(!page.MoreAvailable)),
            changes)]);
    }

    public XElement FindItem(EwsRequest r)
    {
        var shape = EwsShape.Parse(r.Body.Element(M + "ItemShape"), out var shapeError);
        if (shapeError is not null)
        {
            throw new EwsFaultException(shapeError);
        }

        var messages = new List<XElement>();
        foreach (var folderId in r.Body.Element(M + "ParentFolderIds")?.Elements() ?? [])
        {
            var kind = EwsIds.Folder(r.Box, new XElement("wrap", folderId), out var error);
            if (kind is null)
            {
                messages.Add(EwsXml.Error(r.Operation, error!));
                continue;
            }

            messages.Add(r.Body.Element(M + "CalendarView") is { } view
                ? CalendarView(r, kind.Value, view, shape)
                : Paged(r, kind.Value, r.Body.Element(M + "IndexedPageItemView"), shape));
        }

        return Response(r.Operation, messages);
    }

    private XElement CalendarView(EwsRequest r, FolderKind kind, XElement view, EwsShape shape)
    {
        if (kind != FolderKind.Calendar)
        {
            return EwsXml.Error(r.Operation, EwsError.InvalidRequest("CalendarView is only valid on calendar folders."));
        }

        if (!EwsItemReader.Time(view.Attribute("StartDate")?.Value ?? "", r.Zone, out var from)
            || !EwsItemReader.Time(view.Attribute("EndDate")?.Value ?? "", r.Zone, out var to) || to < from)
        {
            return EwsXml.Error(r.Operation, new EwsError("ErrorCalendarViewRangeTooBig", "The StartDate and EndDate of the calendar view are not valid."));
        }

        var max = int.TryParse(view.Attribute("MaxEntriesReturned")?.Value, out var m) && m > 0 ? m : int.MaxValue;
        var instances = store.List(r.Box.Id, FolderKind.Calendar).Cast<EventItem>()
            .SelectMany(e => RecurrenceExpander.Instances(e, from, to))
            .OrderBy(i => i.StartUtc).ThenBy(i => i.Source.CreatedSeq).ToList();
        var returned = instances.Take(max).ToList();
        return Success(r.Operation, new XElement(M + "RootFolder",
            new XAttribute("TotalItemsInView", returned.Count),
            new XAttribute("IncludesLastItemInRange", Bool(returned.Count == instances.Count)),
            new XElement(T + "Items", returned.Select(i => EwsItemWriter.Calendar(r.Box, i, shape, r.ImmutableIds)))));
    }

    private XElement Paged(EwsRequest r, FolderKind kind, XElement? view, EwsShape shape)
    {
        var offset = int.TryParse(view?.Attribute("Offset")?.Value, out var o) && o > 0 ? o : 0;
        var max = int.TryParse(view?.Attribute("MaxEntriesReturned")?.Value, out var m) && m > 0 ? m : 1000;
        var filter = EwsRestriction.Parse(r.Body.Element(M + "Restriction"), out var error);
        if (filter is null)
        {
            return EwsXml.Error(r.Operation, error!);
        }

        var items = store.List(r.Box.Id, kind).Where(filter).ToList();
        var page = items.Skip(offset).Take(max).ToList();
        var next = offset + page.Count;
        return Success(r.Operation, new XElement(M + "RootFolder",
            new XAttribute("IndexedPagingOffset", next.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("TotalItemsInView", items.Count),
            new XAttribute("IncludesLastItemInRange", Bool(next >= items.Count)),
            new XElement(T + "Items", page.Select(i => EwsItemWriter.Write(r.Box, i, shape, r.ImmutableIds)))));
    }

    public XElement GetItem(EwsRequest r)
    {
        var shape = EwsShape.Parse(r.Body.Element(M + "ItemShape"), out var shapeError);
        if (shapeError is not null)
        {
            throw new EwsFaultException(shapeError);
        }

        var messages = new List<XElement>();
        foreach (var id in r.Body.Element(M + "ItemIds")?.Elements() ?? [])
        {
            var resolved = EwsIds.Resolve(store, r.Box, id, out var error);
            if (resolved is null)
            {
                messages.Add(EwsXml.Error(r.Operation, error!, new XElement(M + "Items")));
                continue;
            }

            var element = resolved.Occurrence is { } occurrence
                ? EwsItemWriter.Calendar(r.Box, occurrence, shape, r.ImmutableIds)
                : EwsItemWriter.Write(r.Box, resolved.Item, shape, r.ImmutableIds);
            messages.Add(Success(r.Operation, new XElement(M + "Items", element)));
        }

        return Response(r.Operation, messages);
    }
}
