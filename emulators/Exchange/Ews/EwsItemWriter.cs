using System.Xml.Linq;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>Writes CalendarItem and Contact elements in schema order, holding only what the shape asks for.</summary>
internal static class EwsItemWriter
{
    public static XElement ItemId(MailboxInfo box, Guid key, string changeKey, bool immutable) =>
        new(T + "ItemId",
            new XAttribute("Id", new ItemId(immutable ? ItemIdKind.Item : ItemIdKind.RestItem, box.Id, key).ToEws()),
            new XAttribute("ChangeKey", changeKey));

    public static XElement OccurrenceId(MailboxInfo box, Guid master, DateTime originalStart, string changeKey) =>
        new(T + "ItemId",
            new XAttribute("Id", new ItemId(ItemIdKind.Occurrence, box.Id, master, originalStart).ToEws()),
            new XAttribute("ChangeKey", changeKey));

    public static XElement Write(MailboxInfo box, MailboxItem item, EwsShape shape, bool immutable) => item switch
    {
        EventItem e => Calendar(box, new EventInstance(e, e.StartUtc, e.EndUtc, null, null, 0), shape, immutable),
        ContactItem c => Contact(box, c, shape, immutable),
        _ => throw new InvalidOperationException("Unknown item type."),
    };

    public static XElement Calendar(MailboxInfo box, EventInstance instance, EwsShape shape, bool immutable)
    {
        var e = instance.Source;
        var x = instance.Exception;
        var occurrence = instance.IsOccurrence;
        var subject = x?.Subject ?? e.Subject;
        var location = x?.Location ?? e.Location;
        var body = x?.Body ?? e.Body;
        var isOrganizer = e.Organizer is null || string.Equals(e.Organizer.Address, box.Smtp, StringComparison.OrdinalIgnoreCase);
        var type = occurrence ? (x is null ? "Occurrence" : "Exception") : e.IsRecurringMaster ? "RecurringMaster" : "Single";
        var el = new XElement(T + "CalendarItem",
            occurrence
                ? OccurrenceId(box, e.Key, instance.OriginalStartUtc!.Value, CalendarEdits.OccurrenceChangeKey(e, x))
                : ItemId(box, e.Key, e.ChangeKey, immutable));
        void Add(string field, bool inDefault, Func<object?> content)
        {
            if (shape.Includes(field, inDefault))
            {
                el.Add(content());
            }
        }

        Add("item:ParentFolderId", false, () => new XElement(T + "ParentFolderId",
            new XAttribute("Id", new ItemId(ItemIdKind.Folder, box.Id, box.CalendarFolderId).ToEws()), new XAttribute("ChangeKey", "AQAAAA==")));
        Add("item:ItemClass", false, () => new XElement(T + "ItemClass", "IPM.Appointment"));
        Add("item:Subject", true, () => new XElement(T + "Subject", subject ?? ""));
        Add("item:Sensitivity", false, () => new XElement(T + "Sensitivity", e.Sensitivity.ToString()));
        Add("item:Body", false, () => Body(body, shape.BodyType));
        Add("item:Categories", false, () => e.Categories.IsEmpty ? null : new XElement(T + "Categories", e.Categories.Select(c => new XElement(T + "String", c))));
        Add("item:DateTimeCreated", false, () => new XElement(T + "DateTimeCreated", Time(e.CreatedAt)));
        Add("item:HasAttachments", true, () => new XElement(T + "HasAttachments", "false"));
        el.Add(Extended(e, shape));
        Add("item:LastModifiedTime", false, () => new XElement(T + "LastModifiedTime", Time(x?.LastModifiedAt ?? e.LastModifiedAt)));
        Add("calendar:UID", false, () => new XElement(T + "UID", e.ICalUId));
        Add("calendar:Start", true, () => new XElement(T + "Start", Time(instance.StartUtc)));
        Add("calendar:End", true, () => new XElement(T + "End", Time(instance.EndUtc)));
        if (occurrence)
        {
            Add("calendar:OriginalStart", false, () => new XElement(T + "OriginalStart", Time(instance.OriginalStartUtc!.Value)));
        }

        Add("calendar:IsAllDayEvent", false, () => new XElement(T + "IsAllDayEvent", Bool(e.IsAllDay)));
        Add("calendar:LegacyFreeBusyStatus", true, () => new XElement(T + "LegacyFreeBusyStatus", FreeBusy(e.ShowAs)));
        Add("calendar:Location", true, () => new XElement(T + "Location", location ?? ""));
        Add("calendar:IsMeeting", false, () => new XElement(T + "IsMeeting", Bool(!e.Attendees.IsEmpty)));
        Add("calendar:IsCancelled", false, () => new XElement(T + "IsCancelled", Bool(e.IsCancelled)));
        Add("calendar:IsRecurring", false, () => new XElement(T + "IsRecurring", Bool(occurrence)));
        Add("calendar:CalendarItemType", true, () => new XElement(T + "CalendarItemType", type));
        Add("calendar:MyResponseType", false, () => new XElement(T + "MyResponseType", isOrganizer ? "Organizer" : "NoResponseReceived"));
        Add("calendar:Organizer", true, () => e.Organizer is { } o ? new XElement(T + "Organizer", Mailbox(o)) : null);
        Add("calendar:RequiredAttendees", false, () => Attendees("RequiredAttendees", e, AttendeeType.Required));
        Add("calendar:OptionalAttendees", false, () => Attendees("OptionalAttendees", e, AttendeeType.Optional));
        if (!occurrence && e.Recurrence is { } r)
        {
            Add("calendar:Recurrence", false, () => EwsRecurrence.Write(r));
            Add("calendar:ModifiedOccurrences", false, () => Modified(box, e));
            Add("calendar:DeletedOccurrences", false, () => Deleted(e));
        }

        Add("calendar:StartTimeZone", false, () => new XElement(T + "StartTimeZone", new XAttribute("Id", e.StartTimeZone), new XAttribute("Name", e.StartTimeZone)));
        Add("calendar:EndTimeZone", false, () => new XElement(T + "EndTimeZone", new XAttribute("Id", e.EndTimeZone), new XAttribute("Name", e.EndTimeZone)));
        return el;
    }

    public static XElement Contact(MailboxInfo box, ContactItem c, EwsShape shape, bool immutable)
    {
        var el = new XElement(T + "Contact", ItemId(box, c.Key, c.ChangeKey, immutable));
        void Add(string field, bool inDefault, Func<object?> content)
        {
            if (shape.Includes(field, inDefault))
            {
                el.Add(content());
            }
        }

        Add("item:ParentFolderId", false, () => new XElement(T + "ParentFolderId",
            new XAttribute("Id", new ItemId(ItemIdKind.Folder, box.Id, box.ContactsFolderId).ToEws()), new XAttribute("ChangeKey", "AQAAAA==")));
        Add("item:ItemClass", false, () => new XElement(T + "ItemClass", "IPM.Contact"));
        Add("item:Subject", false, () => new XElement(T + "Subject", c.EffectiveDisplayName));
        Add("item:Body", false, () => c.Notes is null ? null : Body(new BodyContent(BodyType.Text, c.Notes), shape.BodyType));
        Add("item:Categories", false, () => c.Categories.IsEmpty ? null : new XElement(T + "Categories", c.Categories.Select(s => new XElement(T + "String", s))));
        Add("item:DateTimeCreated", false, () => new XElement(T + "DateTimeCreated", Time(c.CreatedAt)));
        el.Add(Extended(c, shape));
        Add("item:LastModifiedTime", false, () => new XElement(T + "LastModifiedTime", Time(c.LastModifiedAt)));
        Add("contacts:FileAs", true, () => new XElement(T + "FileAs", c.EffectiveDisplayName));
        Add("contacts:DisplayName", true, () => new XElement(T + "DisplayName", c.EffectiveDisplayName));
        Add("contacts:GivenName", true, () => Optional("GivenName", c.GivenName));
        Add("contacts:MiddleName", false, () => Optional("MiddleName", c.MiddleName));
        Add("contacts:Nickname", false, () => Optional("Nickname", c.NickName));
        Add("contacts:CompanyName", true, () => Optional("CompanyName", c.CompanyName));
        Add("contacts:EmailAddresses", true, () => Emails(c));
        Add("contacts:PhysicalAddresses", true, () => c.BusinessAddress is { IsEmpty: false } a
            ? new XElement(T + "PhysicalAddresses", new XElement(T + "Entry", new XAttribute("Key", "Business"),
                Optional("Street", a.Street), Optional("City", a.City), Optional("State", a.State),
                Optional("CountryOrRegion", a.CountryOrRegion), Optional("PostalCode", a.PostalCode)))
            : null);
        Add("contacts:PhoneNumbers", true, () => Phones(c));
        Add("contacts:Department", true, () => Optional("Department", c.Department));
        Add("contacts:JobTitle", true, () => Optional("JobTitle", c.JobTitle));
        Add("contacts:Surname", true, () => Optional("Surname", c.Surname));
        return el;
    }

    private static XElement? Optional(string name, string? value) => value is null ? null : new XElement(T + name, value);

    private static XElement Body(BodyContent? body, string requested)
    {
        var type = body?.Type ?? BodyType.Text;
        var content = body?.Content ?? "";
        if (requested.Equals("Text", StringComparison.OrdinalIgnoreCase) && type == BodyType.Html)
        {
            content = System.Text.RegularExpressions.Regex.Replace(content, "<[^>]*>", "");
            type = BodyType.Text;
        }
        else if (requested.Equals("HTML", StringComparison.OrdinalIgnoreCase) && type == BodyType.Text)
        {
            content = $"<html><body>{System.Net.WebUtility.HtmlEncode(content)}</body></html>";
            type = BodyType.Html;
        }

        return new XElement(T + "Body", new XAttribute("BodyType", type == BodyType.Html ? "HTML" : "Text"), content);
    }

    private static IEnumerable<XElement> Extended(MailboxItem item, EwsShape shape)
    {
        foreach (var key in shape.Extended)
        {
            if (item.ExtendedProperties.TryGetValue(key.Canonical, out var p))
            {
                yield return new XElement(T + "ExtendedProperty", EwsItemReader.ExtendedFieldUri(p.Key), new XElement(T + "Value", p.Value));
            }
        }
    }

    private static string FreeBusy(ShowAs showAs) => showAs switch
    {
        ShowAs.Free => "Free",
        ShowAs.Tentative => "Tentative",
        ShowAs.Oof => "OOF",
        ShowAs.WorkingElsewhere => "WorkingElsewhere",
        ShowAs.Unknown => "NoData",
        _ => "Busy",
    };

    private static XElement Mailbox(EmailEntry e) =>
        new(T + "Mailbox", new XElement(T + "Name", e.Name ?? e.Address), new XElement(T + "EmailAddress", e.Address),
            new XElement(T + "RoutingType", "SMTP"), new XElement(T + "MailboxType", "Mailbox"));

    private static XElement? Attendees(string name, EventItem e, AttendeeType type)
    {
        var matching = e.Attendees.Where(a => a.Type == type || (type == AttendeeType.Optional && a.Type == AttendeeType.Resource)).ToList();
        return matching.Count == 0 ? null : new XElement(T + name, matching.Select(a => new XElement(T + "Attendee",
            Mailbox(a.Email),
            new XElement(T + "ResponseType", EwsResponse(a.Response)),
            a.ResponseTime is { } t ? new XElement(T + "LastResponseTime", Time(t)) : null)));
    }

    public static string EwsResponse(ResponseType response) => response switch
    {
        ResponseType.Organizer => "Organizer",
        ResponseType.TentativelyAccepted => "Tentative",
        ResponseType.Accepted => "Accept",
        ResponseType.Declined => "Decline",
        ResponseType.NotResponded => "NoResponseReceived",
        _ => "Unknown",
    };

    private static XElement? Modified(MailboxInfo box, EventItem e)
    {
        var modified = e.Exceptions.Values.Where(x => !x.Cancelled).ToList();
        return modified.Count == 0 ? null : new XElement(T + "ModifiedOccurrences", modified.Select(x => new XElement(T + "Occurrence",
            OccurrenceId(box, e.Key, x.OriginalStartUtc, x.ChangeKey),
            new XElement(T + "Start", Time(x.StartUtc)),
            new XElement(T + "End", Time(x.EndUtc)),
            new XElement(T + "OriginalStart", Time(x.OriginalStartUtc)))));
    }

    private static XElement? Deleted(EventItem e)
    {
        var deleted = e.Exceptions.Values.Where(x => x.Cancelled).ToList();
        return deleted.Count == 0 ? null : new XElement(T + "DeletedOccurrences",
            deleted.Select(x => new XElement(T + "DeletedOccurrence", new XElement(T + "Start", Time(x.OriginalStartUtc)))));
    }

    private static XElement? Emails(ContactItem c)
    {
        var entries = c.EmailAddresses.Select((e, i) => e is null ? null
            : new XElement(T + "Entry", new XAttribute("Key", $"EmailAddress{i + 1}"), e.Name is null ? null : new XAttribute("Name", e.Name), e.Address))
            .Where(e => e is not null).ToList();
        return entries.Count == 0 ? null : new XElement(T + "EmailAddresses", entries);
    }

    private static XElement? Phones(ContactItem c)
    {
        var entries = new List<XElement>();
        for (var i = 0; i < Math.Min(2, c.BusinessPhones.Length); i++)
        {
            entries.Add(new XElement(T + "Entry", new XAttribute("Key", i == 0 ? "BusinessPhone" : "BusinessPhone2"), c.BusinessPhones[i]));
        }

        for (var i = 0; i < Math.Min(2, c.HomePhones.Length); i++)
        {
            entries.Add(new XElement(T + "Entry", new XAttribute("Key", i == 0 ? "HomePhone" : "HomePhone2"), c.HomePhones[i]));
        }

        if (c.MobilePhone is { } mobile)
        {
            entries.Add(new XElement(T + "Entry", new XAttribute("Key", "MobilePhone"), mobile));
        }

        return entries.Count == 0 ? null : new XElement(T + "PhoneNumbers", entries);
    }
}
