using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>
/// Applies the property elements of a CalendarItem or Contact (from CreateItem, or the single
/// property inside an UpdateItem SetItemField) to a stored item; and clears fields for DeleteItemField.
/// </summary>
internal static class EwsItemReader
{
    public static ExtendedPropertyKey? ExtendedKey(XElement uri) => ExtendedPropertyKey.FromEws(
        uri.Attribute("DistinguishedPropertySetId")?.Value, uri.Attribute("PropertySetId")?.Value, uri.Attribute("PropertyTag")?.Value,
        uri.Attribute("PropertyName")?.Value, uri.Attribute("PropertyId")?.Value, uri.Attribute("PropertyType")?.Value);

    public static XElement ExtendedFieldUri(ExtendedPropertyKey key)
    {
        var uri = new XElement(T + "ExtendedFieldURI");
        if (key.Tag is { } tag)
        {
            uri.Add(new XAttribute("PropertyTag", $"0x{tag:x4}"));
        }
        else
        {
            uri.Add(new XAttribute("PropertySetId", key.PropertySet!.Value.ToString("D")));
            uri.Add(key.Name is not null ? new XAttribute("PropertyName", key.Name) : new XAttribute("PropertyId", key.Id!.Value));
        }

        uri.Add(new XAttribute("PropertyType", key.Type));
        return uri;
    }

    public static EventItem ApplyCalendar(EventItem e, XElement child, TimeZoneInfo context, out EwsError? error)
    {
        error = null;
        switch (child.Name.LocalName)
        {
            case "Subject": return e with { Subject = child.Value };
            case "Body": return e with { Body = Body(child) };
            case "Sensitivity": return e with { Sensitivity = Names.Parse(child.Value, Sensitivity.Normal) };
            case "Categories": return e with { Categories = [.. child.Elements(T + "String").Select(s => s.Value)] };
            case "ExtendedProperty": return (EventItem)Extended(e, child, ref error);
            case "Start":
                return Time(child.Value, context, out var start) ? e with { StartUtc = start } : Invalid(e, "Start", out error);
            case "End":
                return Time(child.Value, context, out var end) ? e with { EndUtc = end } : Invalid(e, "End", out error);
            case "IsAllDayEvent": return e with { IsAllDay = child.Value == "true" };
            case "LegacyFreeBusyStatus": return e with { ShowAs = FreeBusy(child.Value) };
            case "Location": return e with { Location = child.Value };
            case "UID": return e with { ICalUId = child.Value };
            case "IsResponseRequested": return e with { ResponseRequested = child.Value != "false" };
            case "RequiredAttendees": return e with { Attendees = Attendees(e, child, AttendeeType.Required) };
            case "OptionalAttendees": return e with { Attendees = Attendees(e, child, AttendeeType.Optional) };
            case "Resources": return e with { Attendees = Attendees(e, child, AttendeeType.Resource) };
            case "Recurrence":
                var recurrence = EwsRecurrence.Read(child, e.StartTimeZone, out error);
                return recurrence is null ? e : e with { Recurrence = recurrence };
            case "StartTimeZone" or "MeetingTimeZone":
                return Zone(child) is { } zone ? e with { StartTimeZone = zone, EndTimeZone = e.EndTimeZone == "UTC" ? zone : e.EndTimeZone } : e;
            case "EndTimeZone": return Zone(child) is { } endZone ? e with { EndTimeZone = endZone } : e;
            case "StartTimeZoneId": return e with { StartTimeZone = child.Value };
            case "EndTimeZoneId": return e with { EndTimeZone = child.Value };
            case "ReminderIsSet" or "ReminderMinutesBeforeStart" or "Importance" or "ItemClass" or "AllowNewTimeProposal" or "IsOnlineMeeting"
                or "MeetingWorkspaceUrl" or "NetShowUrl" or "ConferenceType" or "Culture":
                return e;
            default:
                error = EwsError.InvalidProperty($"The property '{child.Name.LocalName}' can't be set on a calendar item.");
                return e;
        }
    }

    public static ContactItem ApplyContact(ContactItem c, XElement child, out EwsError? error)
    {
        error = null;
        switch (child.Name.LocalName)
        {
            case "GivenName": return c with { GivenName = child.Value };
            case "MiddleName": return c with { MiddleName = child.Value };
            case "Surname": return c with { Surname = child.Value };
            case "DisplayName": return c with { DisplayName = child.Value };
            case "Nickname": return c with { NickName = child.Value };
            case "CompanyName": return c with { CompanyName = child.Value };
            case "JobTitle": return c with { JobTitle = child.Value };
            case "Department": return c with { Department = child.Value };
            case "Body": return c with { Notes = child.Value };
            case "Categories": return c with { Categories = [.. child.Elements(T + "String").Select(s => s.Value)] };
            case "ExtendedProperty": return (ContactItem)Extended(c, child, ref error);
            case "EmailAddresses":
            {
                var slots = c.EmailAddresses.ToArray();
                foreach (var entry in child.Elements(T + "Entry"))
                {
                    var index = entry.Attribute("Key")?.Value switch { "EmailAddress1" => 0, "EmailAddress2" => 1, "EmailAddress3" => 2, _ => -1 };
                    if (index < 0)
                    {
                        error = EwsError.InvalidProperty("The email address key is not valid.");
                        return c;
                    }

                    slots[index] = string.IsNullOrEmpty(entry.Value) ? null : new EmailEntry(entry.Attribute("Name")?.Value, entry.Value);
                }

                return c with { EmailAddresses = [.. slots] };
            }

            case "PhoneNumbers":
            {
                foreach (var entry in child.Elements(T + "Entry"))
                {
                    c = entry.Attribute("Key")?.Value switch
                    {
                        "BusinessPhone" => c with { BusinessPhones = SetAt(c.BusinessPhones, 0, entry.Value) },
                        "BusinessPhone2" => c with { BusinessPhones = SetAt(c.BusinessPhones, 1, entry.Value) },
                        "HomePhone" => c with { HomePhones = SetAt(c.HomePhones, 0, entry.Value) },
                        "HomePhone2" => c with { HomePhones = SetAt(c.HomePhones, 1, entry.Value) },
                        "MobilePhone" => c with { MobilePhone = entry.Value },
                        _ => c,
                    };
                }

                return c;
            }

            case "PhysicalAddresses":
            {
                foreach (var entry in child.Elements(T + "Entry").Where(x => x.Attribute("Key")?.Value == "Business"))
                {
                    var a = c.BusinessAddress ?? new PhysicalAddress(null, null, null, null, null);
                    c = c with
                    {
                        BusinessAddress = new PhysicalAddress(
                            entry.Element(T + "Street")?.Value ?? a.Street, entry.Element(T + "City")?.Value ?? a.City,
                            entry.Element(T + "State")?.Value ?? a.State, entry.Element(T + "PostalCode")?.Value ?? a.PostalCode,
                            entry.Element(T + "CountryOrRegion")?.Value ?? a.CountryOrRegion),
                    };
                }

                return c;
            }

            case "FileAs" or "FileAsMapping" or "ItemClass" or "Subject" or "Initials" or "Culture":
                return c;
            default:
                error = EwsError.InvalidProperty($"The property '{child.Name.LocalName}' can't be set on a contact.");
                return c;
        }
    }

    /// <summary>DeleteItemField: clears the field named by <paramref name="path"/> (FieldURI / IndexedFieldURI / ExtendedFieldURI).</summary>
    public static MailboxItem Clear(MailboxItem item, XElement path, out EwsError? error)
    {
        error = null;
        if (path.Name == T + "ExtendedFieldURI")
        {
            var key = ExtendedKey(path);
            return key is null ? Invalid(item, "ExtendedFieldURI", out error) : item with { ExtendedProperties = item.ExtendedProperties.Remove(key.Canonical) };
        }

        var field = path.Attribute("FieldURI")?.Value ?? "";
        var index = path.Attribute("FieldIndex")?.Value;
        return (item, field) switch
        {
            (_, "item:Categories") => item with { Categories = [] },
            (EventItem e, "item:Subject") => e with { Subject = null },
            (EventItem e, "item:Body") => e with { Body = null },
            (EventItem e, "calendar:Location") => e with { Location = null },
            (EventItem e, "calendar:RequiredAttendees") => e with { Attendees = [.. e.Attendees.Where(a => a.Type != AttendeeType.Required)] },
            (EventItem e, "calendar:OptionalAttendees") => e with { Attendees = [.. e.Attendees.Where(a => a.Type != AttendeeType.Optional)] },
            (EventItem e, "calendar:Resources") => e with { Attendees = [.. e.Attendees.Where(a => a.Type != AttendeeType.Resource)] },
            (EventItem e, "calendar:Recurrence") => e with { Recurrence = null, Exceptions = e.Exceptions.Clear() },
            (ContactItem c, "contacts:GivenName") => c with { GivenName = null },
            (ContactItem c, "contacts:MiddleName") => c with { MiddleName = null },
            (ContactItem c, "contacts:Surname") => c with { Surname = null },
            (ContactItem c, "contacts:CompanyName") => c with { CompanyName = null },
            (ContactItem c, "contacts:JobTitle") => c with { JobTitle = null },
            (ContactItem c, "contacts:Department") => c with { Department = null },
            (ContactItem c, "contacts:EmailAddress") when index is "EmailAddress1" or "EmailAddress2" or "EmailAddress3" =>
                c with { EmailAddresses = c.EmailAddresses.SetItem(index[^1] - '1', null) },
            (ContactItem c, "contacts:PhoneNumber") when index == "MobilePhone" => c with { MobilePhone = null },
            (ContactItem c, "contacts:PhoneNumber") when index == "BusinessPhone" => c with { BusinessPhones = [] },
            (ContactItem c, "contacts:PhoneNumber") when index == "BusinessPhone2" => c with { BusinessPhones = [.. c.BusinessPhones.Take(1)] },
            (ContactItem c, "contacts:PhoneNumber") when index == "HomePhone" => c with { HomePhones = [] },
            (ContactItem c, "contacts:PhoneNumber") when index == "HomePhone2" => c with { HomePhones = [.. c.HomePhones.Take(1)] },
            (ContactItem c, "contacts:PhoneNumber") when index is not null && PhoneKeysNotStored.Contains(index) => c, // valid keys the store does not keep
            (ContactItem c, "contacts:PhysicalAddress:Street" or "contacts:PhysicalAddress:City" or "contacts:PhysicalAddress:State"
                or "contacts:PhysicalAddress:PostalCode" or "contacts:PhysicalAddress:CountryOrRegion") when index == "Business" =>
                c with { BusinessAddress = null },
            _ => Invalid(item, field, out error),
        };
    }

    /// <summary>xs:dateTime: with Z or an offset it is an instant; without, a local time in the request's TimeZoneContext.</summary>
    public static bool Time(string text, TimeZoneInfo context, out DateTime utc) => Names.TryParseLocal(text, context, out utc);

    /// <summary>PhoneNumberKeyType values this store has no slot for: clearing them is a valid no-op.</summary>
    private static readonly HashSet<string> PhoneKeysNotStored = new(StringComparer.Ordinal)
    {
        "AssistantPhone", "BusinessFax", "Callback", "CarPhone", "CompanyMainPhone", "HomeFax", "Isdn", "OtherFax",
        "OtherTelephone", "Pager", "PrimaryPhone", "RadioPhone", "Telex", "TtyTddPhone",
    };

    private static T Invalid<T>(T item, string what, out EwsError? error)
    {
        error = EwsError.InvalidProperty($"The value of '{what}' is not valid.");
        return item;
    }

    private static MailboxItem Extended(MailboxItem item, XElement property, ref EwsError? error)
    {
        var key = property.Element(T + "ExtendedFieldURI") is { } uri ? ExtendedKey(uri) : null;
        var value = property.Element(T + "Value")?.Value;
        if (key is null || value is null)
        {
            error = EwsError.InvalidProperty("The extended property is not valid.");
            return item;
        }

        return item.WithExtendedProperty(new ExtendedProperty(key, value));
    }

    private static BodyContent Body(XElement body) =>
        new(string.Equals(body.Attribute("BodyType")?.Value, "HTML", StringComparison.OrdinalIgnoreCase) ? BodyType.Html : BodyType.Text, body.Value);

    private static ShowAs FreeBusy(string value) => value switch
    {
        "Free" => ShowAs.Free,
        "Tentative" => ShowAs.Tentative,
        "OOF" => ShowAs.Oof,
        "WorkingElsewhere" => ShowAs.WorkingElsewhere,
        "NoData" => ShowAs.Unknown,
        _ => ShowAs.Busy,
    };

    private static string? Zone(XElement zone) =>
        zone.Attribute("Id")?.Value ?? zone.Attribute("TimeZoneName")?.Value ?? zone.Element(T + "TimeZoneName")?.Value;

    private static ImmutableArray<Attendee> Attendees(EventItem e, XElement list, AttendeeType type)
    {
        var others = e.Attendees.Where(a => a.Type != type);
        var added = list.Elements(T + "Attendee").Select(a =>
        {
            var mailbox = a.Element(T + "Mailbox");
            var address = mailbox?.Element(T + "EmailAddress")?.Value ?? "";
            var known = e.Attendees.FirstOrDefault(x => string.Equals(x.Email.Address, address, StringComparison.OrdinalIgnoreCase));
            return new Attendee(new EmailEntry(mailbox?.Element(T + "Name")?.Value, address), type, known?.Response ?? ResponseType.None, known?.ResponseTime);
        }).Where(a => a.Email.Address.Length > 0);
        return [.. others, .. added];
    }

    private static ImmutableArray<string> SetAt(ImmutableArray<string> values, int index, string value)
    {
        var list = values.ToList();
        while (list.Count <= index)
        {
            list.Add("");
        }

        list[index] = value;
        return [.. list.Where(v => v.Length > 0)];
    }
}
