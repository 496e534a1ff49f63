using System.Xml.Linq;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>
/// CreateItem, UpdateItem and DeleteItem: one ResponseMessage per item, so one bad item fails alone.
/// Meeting messages are recorded unless the call said <c>SendToNone</c>.
/// </summary>
internal sealed class EwsWriteOperations(IMailboxStore store)
{
    public XElement CreateItem(EwsRequest r)
    {
        var send = r.Body.Attribute("SendMeetingInvitations")?.Value;
        var messages = new List<XElement>();
        foreach (var element in r.Body.Element(M + "Items")?.Elements() ?? [])
        {
            messages.Add(CreateOne(r, element, send));
        }

        return Response(r.Operation, messages);
    }

    private XElement CreateOne(EwsRequest r, XElement element, string? send)
    {
        EwsError? error = null;
        switch (element.Name.LocalName)
        {
            case "CalendarItem":
            {
                if (send is null)
                {
                    return EwsXml.Error(r.Operation, EwsError.InvitationsRequired, new XElement(M + "Items"));
                }

                var item = new EventItem
                {
                    Organizer = new EmailEntry(r.Box.DisplayName, r.Box.Smtp),
                    ICalUId = Seeder.NewICalUId(),
                    StartTimeZone = r.ZoneName,
                    EndTimeZone = r.ZoneName,
                };
                foreach (var child in element.Elements())
                {
                    item = EwsItemReader.ApplyCalendar(item, child, r.Zone, out error);
                    if (error is not null)
                    {
                        return EwsXml.Error(r.Operation, error, new XElement(M + "Items"));
                    }
                }

                if (item.EndUtc < item.StartUtc)
                {
                    return EwsXml.Error(r.Operation, EwsError.EndBeforeStart, new XElement(M + "Items"));
                }

                if (item.Recurrence is { } rec)
                {
                    item = item with { Recurrence = rec with { RecurrenceTimeZone = item.StartTimeZone } };
                }

                var created = store.Create(r.Box.Id, item);
                if (Sends(send) && !created.Attendees.IsEmpty)
                {
                    Record(r, created, MeetingMessageKind.Invitation, created.Key);
                }

                return Success(r.Operation, new XElement(M + "Items", new XElement(T + "CalendarItem",
                    EwsItemWriter.ItemId(r.Box, created.Key, created.ChangeKey, r.ImmutableIds))));
            }

            case "Contact":
            {
                var item = new ContactItem();
                foreach (var child in element.Elements())
                {
                    item = EwsItemReader.ApplyContact(item, child, out error);
                    if (error is not null)
                    {
                        return EwsXml.Error(r.Operation, error, new XElement(M + "Items"));
                    }
                }

                var created = store.Create(r.Box.Id, item);
                return Success(r.Operation, new XElement(M + "Items", new XElement(T + "Contact",
                    EwsItemWriter.ItemId(r.Box, created.Key, created.ChangeKey, r.ImmutableIds))));
            }

            default:
                return EwsXml.Error(r.Operation, new EwsError("ErrorInvalidItemForOperationCreateItem",
                    $"The CreateItem operation doesn't support items of type '{element.Name.LocalName}' in this emulator."), new XElement(M + "Items"));
        }
    }

    public XElement UpdateItem(EwsRequest r)
    {
        var resolution = r.Body.Attribute("ConflictResolution")?.Value ?? "AutoResolve";
        var send = r.Body.Attribute("SendMeetingInvitationsOrCancellations")?.Value;
        var messages = new List<XElement>();
        foreach (var change in r.Body.Element(M + "ItemChanges")?.Elements(T + "ItemChange") ?? [])
        {
            messages.Add(UpdateOne(r, change, resolution, send));
        }

        return Response(r.Operation, messages);
    }

    private XElement UpdateOne(EwsRequest r, XElement change, string resolution, string? send)
    {
        XElement Fail(EwsError e) => EwsXml.Error(r.Operation, e, new XElement(M + "Items"));
        var idElement = change.Elements().FirstOrDefault(e => e.Name.LocalName is "ItemId" or "OccurrenceItemId" or "RecurringMasterItemId");
        if (idElement is null)
        {
            return Fail(EwsError.IdMalformed);
        }

        var resolved = EwsIds.Resolve(store, r.Box, idElement, out var error);
        if (resolved is null)
        {
            return Fail(error!);
        }

        if (resolved.Item is EventItem && send is null)
        {
            return Fail(EwsError.InvitationsRequired);
        }

        var expected = resolution == "NeverOverwrite" ? resolved.ChangeKey : null;
        var updates = change.Element(T + "Updates")?.Elements().ToList() ?? [];
        if (resolved.Item is EventItem master && resolved.OriginalStartUtc is { } original)
        {
            var instance = resolved.Occurrence!;
            var temp = master with
            {
                Subject = instance.Exception?.Subject ?? master.Subject, Location = instance.Exception?.Location ?? master.Location,
                Body = instance.Exception?.Body ?? master.Body, StartUtc = instance.StartUtc, EndUtc = instance.EndUtc, Recurrence = null,
            };
            foreach (var update in updates)
            {
                if (update.Name.LocalName != "SetItemField" || update.Element(T + "CalendarItem")?.Elements().FirstOrDefault() is not { } value)
                {
                    return Fail(EwsError.InvalidProperty("Only SetItemField of calendar item properties is supported on an occurrence."));
                }

                temp = EwsItemReader.ApplyCalendar(temp, value, r.Zone, out var failure);
                if (failure is not null)
                {
                    return Fail(failure);
                }
            }

            if (temp.EndUtc < temp.StartUtc)
            {
                return Fail(EwsError.EndBeforeStart);
            }

            var edited = store.EditOccurrence(r.Box.Id, master.Key, original,
                x => x with { Subject = temp.Subject, Location = temp.Location, Body = temp.Body, StartUtc = temp.StartUtc, EndUtc = temp.EndUtc },
                expected);
            if (edited.Status != WriteStatus.Ok)
            {
                return Fail(edited.Status == WriteStatus.Conflict ? EwsError.Conflict : EwsError.ItemNotFound);
            }

            if (Sends(send))
            {
                AnnounceIfMeeting(r, edited.Item!, MeetingMessageKind.Update);
            }

            var x = edited.Item!.Exceptions[original];
            return Success(r.Operation, new XElement(M + "Items", new XElement(T + "CalendarItem",
                EwsItemWriter.OccurrenceId(r.Box, master.Key, original, x.ChangeKey))), new XElement(M + "ConflictResults", new XElement(T + "Count", 0)));
        }

        // Apply to a snapshot first, so a bad update fails without touching the item (no new change key).
        var current = resolved.Item;
        if (expected is not null && expected != current.ChangeKey)
        {
            return Fail(EwsError.Conflict);
        }

        var changed = current;
        foreach (var update in updates)
        {
            changed = ApplyUpdate(r, changed, update, out var applyError);
            if (applyError is not null)
            {
                return Fail(applyError);
            }
        }

        if (changed is EventItem { } candidate && candidate.EndUtc < candidate.StartUtc)
        {
            return Fail(EwsError.EndBeforeStart);
        }

        var result = store.Update<MailboxItem>(r.Box.Id, current.Key, _ => changed, current.ChangeKey);
        if (result.Status != WriteStatus.Ok)
        {
            return Fail(result.Status == WriteStatus.Conflict ? EwsError.Conflict : EwsError.ItemNotFound);
        }

        if (result.Item is EventItem after && Sends(send) && (!after.Attendees.IsEmpty || !((EventItem)current).Attendees.IsEmpty))
        {
            AnnounceIfMeeting(r, after, MeetingMessageKind.Update);
        }

        var name = result.Item is EventItem ? "CalendarItem" : "Contact";
        return Success(r.Operation, new XElement(M + "Items", new XElement(T + name,
            EwsItemWriter.ItemId(r.Box, result.Item!.Key, result.Item.ChangeKey, r.ImmutableIds))),
            new XElement(M + "ConflictResults", new XElement(T + "Count", 0)));
    }

    private static MailboxItem ApplyUpdate(EwsRequest r, MailboxItem item, XElement update, out EwsError? error)
    {
        error = null;
        switch (update.Name.LocalName)
        {
            case "SetItemField" or "AppendToItemField":
            {
                var holder = update.Elements().FirstOrDefault(e => e.Name.LocalName is "CalendarItem" or "Contact" or "Item");
                if (holder is null)
                {
                    error = EwsError.InvalidProperty("SetItemField needs the item element holding the new value.");
                    return item;
                }

                foreach (var child in holder.Elements())
                {
                    item = item switch
                    {
                        EventItem e when update.Name.LocalName == "AppendToItemField" && child.Name.LocalName is "RequiredAttendees" or "OptionalAttendees" =>
                            Append(e, child, r.Zone, out error),
                        EventItem e => EwsItemReader.ApplyCalendar(e, child, r.Zone, out error),
                        ContactItem c => EwsItemReader.ApplyContact(c, child, out error),
                        _ => item,
                    };
                    if (error is not null)
                    {
                        return item;
                    }
                }

                return item;
            }

            case "DeleteItemField":
                return update.Elements().FirstOrDefault() is { } path ? EwsItemReader.Clear(item, path, out error) : item;
            default:
                error = EwsError.InvalidProperty($"Unknown update '{update.Name.LocalName}'.");
                return item;
        }
    }

    private static EventItem Append(EventItem e, XElement list, TimeZoneInfo zone, out EwsError? error)
    {
        var merged = new XElement(list.Name,
            e.Attendees.Where(a => list.Name.LocalName == "RequiredAttendees" ? a.Type == AttendeeType.Required : a.Type == AttendeeType.Optional)
                .Select(a => new XElement(T + "Attendee", new XElement(T + "Mailbox", new XElement(T + "EmailAddress", a.Email.Address)))),
            list.Elements());
        return EwsItemReader.ApplyCalendar(e, merged, zone, out error);
    }

    public XElement DeleteItem(EwsRequest r)
    {
        var send = r.Body.Attribute("SendMeetingCancellations")?.Value;
        if (r.Body.Attribute("DeleteType")?.Value is not ("HardDelete" or "SoftDelete" or "MoveToDeletedItems"))
        {
            throw new EwsFaultException(EwsError.Schema("The required attribute 'DeleteType' is missing or not valid."));
        }

        var messages = new List<XElement>();
        foreach (var id in r.Body.Element(M + "ItemIds")?.Elements() ?? [])
        {
            var resolved = EwsIds.Resolve(store, r.Box, id, out var error);
            if (resolved is null)
            {
                messages.Add(EwsXml.Error(r.Operation, error!));
                continue;
            }

            if (resolved.Item is EventItem && send is null)
            {
                messages.Add(EwsXml.Error(r.Operation, EwsError.CancellationsRequired));
                continue;
            }

            if (resolved.Item is EventItem master && resolved.OriginalStartUtc is { } original)
            {
                var cancelled = store.CancelOccurrence(r.Box.Id, master.Key, original);
                if (cancelled.Status != WriteStatus.Ok)
                {
                    messages.Add(EwsXml.Error(r.Operation, EwsError.ItemNotFound));
                    continue;
                }

                if (Sends(send))
                {
                    AnnounceIfMeeting(r, cancelled.Item!, MeetingMessageKind.Cancellation);
                }

                messages.Add(Success(r.Operation));
                continue;
            }

            if (store.Delete(r.Box.Id, resolved.Item.Key).Status != WriteStatus.Ok)
            {
                messages.Add(EwsXml.Error(r.Operation, EwsError.ItemNotFound));
                continue;
            }

            if (resolved.Item is EventItem e && Sends(send))
            {
                AnnounceIfMeeting(r, e, MeetingMessageKind.Cancellation);
            }

            messages.Add(Success(r.Operation));
        }

        return Response(r.Operation, messages);
    }

    private static bool Sends(string? mode) => mode is not null && mode != "SendToNone";

    private void AnnounceIfMeeting(EwsRequest r, EventItem item, MeetingMessageKind kind)
    {
        var organizes = item.Organizer is null || string.Equals(item.Organizer.Address, r.Box.Smtp, StringComparison.OrdinalIgnoreCase);
        if (organizes && !item.Attendees.IsEmpty)
        {
            Record(r, item, kind, item.Key);
        }
    }

    private void Record(EwsRequest r, EventItem item, MeetingMessageKind kind, Guid key) =>
        store.RecordMeetingMessage(new MeetingMessage(DateTimeOffset.UtcNow, r.Box.Smtp, kind,
            new ItemId(ItemIdKind.Item, r.Box.Id, key).ToEws(), item.Subject, item.Attendees.Select(a => a.Email.Address).ToList(), $"ews.{r.Operation}"));
}
