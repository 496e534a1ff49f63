using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>Graph's <c>event</c> resource ↔ <see cref="EventItem"/> (single instances, series masters, occurrences, exceptions).</summary>
internal static class EventJson
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "@odata.type", "@odata.etag", "id", "changeKey", "createdDateTime", "lastModifiedDateTime", "originalStartTimeZone",
        "originalEndTimeZone", "iCalUId", "uid", "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "bodyPreview",
        "importance", "isCancelled", "isOrganizer", "seriesMasterId", "type", "webLink", "onlineMeetingUrl", "isOnlineMeeting",
        "onlineMeetingProvider", "allowNewTimeProposals", "isDraft", "hideAttendees", "responseStatus", "locations", "organizer",
        "onlineMeeting", "originalStart",
    };

    public static JsonObject Write(MailboxInfo box, EventItem e, GraphPreferences prefer)
    {
        var json = Common(box, e, GraphJson.Id(box, e.Key, prefer.ImmutableIds), e.ChangeKey, e.StartUtc, e.EndUtc, e.Subject, e.Location, e.Body, prefer);
        json["iCalUId"] = e.ICalUId;
        json["seriesMasterId"] = null;
        json["type"] = e.IsRecurringMaster ? "seriesMaster" : "singleInstance";
        json["recurrence"] = e.Recurrence is { } r ? Recurrence(r) : null;
        return json;
    }

    public static JsonObject WriteInstance(MailboxInfo box, EventInstance instance, GraphPreferences prefer)
    {
        if (!instance.IsOccurrence)
        {
            return Write(box, instance.Source, prefer);
        }

        var master = instance.Source;
        var x = instance.Exception;
        var original = instance.OriginalStartUtc!.Value;
        var id = new ItemId(ItemIdKind.Occurrence, box.Id, master.Key, original).ToGraph();
        var json = Common(box, master, id, CalendarEdits.OccurrenceChangeKey(master, x), instance.StartUtc, instance.EndUtc,
            x?.Subject ?? master.Subject, x?.Location ?? master.Location, x?.Body ?? master.Body, prefer);
        json["iCalUId"] = OccurrenceICalUId(master.ICalUId, original);
        json["seriesMasterId"] = GraphJson.Id(box, master.Key, prefer.ImmutableIds);
        json["type"] = x is null ? "occurrence" : "exception";
        json["originalStart"] = GraphJson.Timestamp(original);
        json["recurrence"] = null;
        if (x is not null)
        {
            json["lastModifiedDateTime"] = GraphJson.Timestamp(x.LastModifiedAt);
        }

        return json;
    }

    /// <summary>Graph gives every occurrence its own iCalUId (uid stays the series one).</summary>
    public static string OccurrenceICalUId(string seriesUid, DateTime originalStartUtc) =>
        seriesUid + originalStartUtc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static JsonObject Common(MailboxInfo box, EventItem e, string id, string changeKey, DateTime startUtc, DateTime endUtc,
        string? subject, string? location, BodyContent? body, GraphPreferences prefer)
    {
        var json = GraphJson.Header(e, id, changeKey);
        var isOrganizer = e.Organizer is null || string.Equals(e.Organizer.Address, box.Smtp, StringComparison.OrdinalIgnoreCase);
        json["transactionId"] = e.TransactionId;
        json["originalStartTimeZone"] = e.StartTimeZone;
        json["originalEndTimeZone"] = e.EndTimeZone;
        json["uid"] = e.ICalUId;
        json["reminderMinutesBeforeStart"] = 15;
        json["isReminderOn"] = true;
        json["hasAttachments"] = false;
        json["subject"] = subject ?? "";
        json["bodyPreview"] = Preview(body);
        json["importance"] = "normal";
        json["sensitivity"] = Names.Camel(e.Sensitivity);
        json["isAllDay"] = e.IsAllDay;
        json["isCancelled"] = e.IsCancelled;
        json["isOrganizer"] = isOrganizer;
        json["responseRequested"] = e.ResponseRequested;
        json["showAs"] = Names.Camel(e.ShowAs);
        json["isOnlineMeeting"] = false;
        json["onlineMeetingProvider"] = "unknown";
        json["allowNewTimeProposals"] = true;
        json["isDraft"] = false;
        json["hideAttendees"] = false;
        json["responseStatus"] = new JsonObject
        {
            ["response"] = isOrganizer ? "organizer" : "notResponded",
            ["time"] = "0001-01-01T00:00:00Z",
        };
        json["body"] = new JsonObject
        {
            ["contentType"] = body?.Type == BodyType.Html ? "html" : "text",
            ["content"] = body?.Content ?? "",
        };
        json["start"] = Time(startUtc, prefer.TimeZone);
        json["end"] = Time(endUtc, prefer.TimeZone);
        json["location"] = new JsonObject
        {
            ["displayName"] = location ?? "",
            ["locationType"] = "default",
            ["uniqueIdType"] = "unknown",
            ["address"] = new JsonObject(),
            ["coordinates"] = new JsonObject(),
        };
        json["locations"] = string.IsNullOrEmpty(location)
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["displayName"] = location, ["locationType"] = "default" });
        json["attendees"] = new JsonArray(e.Attendees.Select(a => (JsonNode?)new JsonObject
        {
            ["type"] = Names.Camel(a.Type),
            ["status"] = new JsonObject
            {
                ["response"] = Names.Camel(a.Response),
                ["time"] = a.ResponseTime is { } t ? GraphJson.Timestamp(t) : "0001-01-01T00:00:00Z",
            },
            ["emailAddress"] = Email(a.Email),
        }).ToArray());
        json["organizer"] = e.Organizer is { } o ? new JsonObject { ["emailAddress"] = Email(o) } : null;
        return json;
    }

    private static JsonObject Email(EmailEntry e) => new() { ["name"] = e.Name ?? e.Address, ["address"] = e.Address };

    private static string Preview(BodyContent? body)
    {
        if (body is null)
        {
            return "";
        }

        var text = body.Type == BodyType.Html ? System.Text.RegularExpressions.Regex.Replace(body.Content, "<[^>]*>", " ") : body.Content;
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 255 ? text[..255] : text;
    }

    public static JsonObject Time(DateTime utc, string? zoneName)
    {
        if (zoneName is not null && TimeZones.TryFind(zoneName, out var zone))
        {
            return new JsonObject
            {
                ["dateTime"] = TimeZones.FromUtc(utc, zone).ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
                ["timeZone"] = zoneName,
            };
        }

        return new JsonObject
        {
            ["dateTime"] = utc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            ["timeZone"] = "UTC",
        };
    }

    private static JsonObject Recurrence(Recurrence r)
    {
        var pattern = new JsonObject
        {
            ["type"] = Names.Camel(r.Type),
            ["interval"] = r.Interval,
            ["month"] = r.Month,
            ["dayOfMonth"] = r.DayOfMonth,
            ["firstDayOfWeek"] = Names.Camel(r.FirstDayOfWeek),
            ["index"] = Names.Camel(r.Index),
        };
        if (r.Type is PatternType.Weekly or PatternType.RelativeMonthly or PatternType.RelativeYearly)
        {
            pattern["daysOfWeek"] = GraphJson.Strings(r.DaysOfWeek.Select(Names.Camel));
        }

        return new JsonObject
        {
            ["pattern"] = pattern,
            ["range"] = new JsonObject
            {
                ["type"] = Names.Camel(r.RangeType),
                ["startDate"] = r.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["endDate"] = (r.EndDate ?? default).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["recurrenceTimeZone"] = r.RecurrenceTimeZone ?? "UTC",
                ["numberOfOccurrences"] = r.NumberOfOccurrences,
            },
        };
    }

    /// <summary>Applies a POST/PATCH body to an event; null error = success. Occurrence edits use <see cref="ApplyToOccurrence"/>.</summary>
    public static string? Apply(JsonObject body, ref EventItem e)
    {
        foreach (var (name, value) in body)
        {
            string? error = null;
            switch (name)
            {
                case "subject": e = e with { Subject = GraphJson.String(value) }; break;
                case "body": e = e with { Body = ReadBody(value) }; break;
                case "start":
                    if (ReadTime(value, out var start, out var startZone, out error))
                    {
                        e = e with { StartUtc = start, StartTimeZone = startZone };
                    }

                    break;
                case "end":
                    if (ReadTime(value, out var end, out var endZone, out error))
                    {
                        e = e with { EndUtc = end, EndTimeZone = endZone };
                    }

                    break;
                case "isAllDay": e = e with { IsAllDay = value?.GetValue<bool>() ?? false }; break;
                case "location": e = e with { Location = GraphJson.String(value?["displayName"]) }; break;
                case "showAs": e = e with { ShowAs = Names.Parse(GraphJson.String(value), ShowAs.Busy) }; break;
                case "sensitivity": e = e with { Sensitivity = Names.Parse(GraphJson.String(value), Sensitivity.Normal) }; break;
                case "responseRequested": e = e with { ResponseRequested = value?.GetValue<bool>() ?? true }; break;
                case "transactionId": e = e with { TransactionId = GraphJson.String(value) }; break;
                case "categories": e = e with { Categories = [.. (value as JsonArray ?? []).Select(GraphJson.String).OfType<string>()] }; break;
                case "attendees": e = e with { Attendees = ReadAttendees(value, e.Attendees, ref error) }; break;
                case "recurrence":
                    if (value is null)
                    {
                        e = e with { Recurrence = null };
                    }
                    else if (ReadRecurrence(value, out var recurrence, out error))
                    {
                        e = e with { Recurrence = recurrence };
                    }

                    break;
                case "singleValueExtendedProperties":
                    if (GraphJson.TryReadExtendedProperties(value, out var properties, out error))
                    {
                        foreach (var p in properties)
                        {
                            e = (EventItem)e.WithExtendedProperty(p);
                        }
                    }

                    break;
                default:
                    if (!Ignored.Contains(name))
                    {
                        error = $"The property '{name}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.";
                    }

                    break;
            }

            if (error is not null)
            {
                return error;
            }
        }

        return e.EndUtc < e.StartUtc ? "The end of the event is before its start." : null;
    }

    /// <summary>PATCH on an occurrence id: times, subject, location and body become an exception.</summary>
    public static string? ApplyToOccurrence(JsonObject body, ref OccurrenceException x)
    {
        foreach (var (name, value) in body)
        {
            string? error = null;
            switch (name)
            {
                case "subject": x = x with { Subject = GraphJson.String(value) }; break;
                case "body": x = x with { Body = ReadBody(value) }; break;
                case "location": x = x with { Location = GraphJson.String(value?["displayName"]) }; break;
                case "start":
                    if (ReadTime(value, out var start, out _, out error))
                    {
                        x = x with { StartUtc = start };
                    }

                    break;
                case "end":
                    if (ReadTime(value, out var end, out _, out error))
                    {
                        x = x with { EndUtc = end };
                    }

                    break;
                default:
                    if (!Ignored.Contains(name) && name is not ("showAs" or "sensitivity" or "categories" or "isAllDay"))
                    {
                        error = $"The property '{name}' cannot be changed on an occurrence.";
                    }

                    break;
            }

            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static BodyContent? ReadBody(JsonNode? node) => node is JsonObject o
        ? new BodyContent(Names.Parse(GraphJson.String(o["contentType"]), BodyType.Text), GraphJson.String(o["content"]) ?? "")
        : null;

    private static bool ReadTime(JsonNode? node, out DateTime utc, out string zoneName, out string? error)
    {
        utc = default;
        zoneName = GraphJson.String(node?["timeZone"]) ?? "UTC";
        error = null;
        if (!TimeZones.TryFind(zoneName, out var zone))
        {
            error = $"A valid TimeZone value must be specified. The following TimeZone value is not supported: '{zoneName}'.";
            return false;
        }

        if (!Names.TryParseLocal(GraphJson.String(node?["dateTime"]), zone, out utc))
        {
            error = "The dateTime value is not valid.";
            return false;
        }

        return true;
    }

    private static ImmutableArray<Attendee> ReadAttendees(JsonNode? node, ImmutableArray<Attendee> existing, ref string? error)
    {
        if (node is not JsonArray array)
        {
            return [];
        }

        var result = new List<Attendee>();
        foreach (var entry in array)
        {
            var address = GraphJson.String(entry?["emailAddress"]?["address"]);
            if (string.IsNullOrEmpty(address))
            {
                error = "An attendee needs emailAddress.address.";
                return existing;
            }

            var known = existing.FirstOrDefault(a => string.Equals(a.Email.Address, address, StringComparison.OrdinalIgnoreCase));
            result.Add(new Attendee(new EmailEntry(GraphJson.String(entry?["emailAddress"]?["name"]), address),
                Names.Parse(GraphJson.String(entry?["type"]), AttendeeType.Required), known?.Response ?? ResponseType.None, known?.ResponseTime));
        }

        return [.. result];
    }

    private static bool ReadRecurrence(JsonNode node, out Recurrence recurrence, out string? error)
    {
        recurrence = new Recurrence();
        error = null;
        var pattern = node["pattern"];
        var range = node["range"];
        if (pattern is null || range is null || !Names.TryParse<PatternType>(GraphJson.String(pattern["type"]), out var type)
            || !Names.TryParse<RangeType>(GraphJson.String(range["type"]), out var rangeType)
            || !DateOnly.TryParse(GraphJson.String(range["startDate"]), CultureInfo.InvariantCulture, out var startDate))
        {
            error = "The recurrence pattern or range is not valid.";
            return false;
        }

        DateOnly? endDate = DateOnly.TryParse(GraphJson.String(range["endDate"]), CultureInfo.InvariantCulture, out var ed) && ed != default ? ed : null;
        if (rangeType == RangeType.EndDate && endDate is null)
        {
            error = "The recurrence range needs an endDate.";
            return false;
        }

        recurrence = new Recurrence
        {
            Type = type,
            Interval = pattern["interval"]?.GetValue<int>() is { } i and > 0 ? i : 1,
            DaysOfWeek = [.. (pattern["daysOfWeek"] as JsonArray ?? []).Select(d => Names.Parse(GraphJson.String(d), DayOfWeek.Monday))],
            DayOfMonth = pattern["dayOfMonth"]?.GetValue<int>() ?? 0,
            Month = pattern["month"]?.GetValue<int>() ?? 0,
            Index = Names.Parse(GraphJson.String(pattern["index"]), WeekIndex.First),
            FirstDayOfWeek = Names.Parse(GraphJson.String(pattern["firstDayOfWeek"]), DayOfWeek.Sunday),
            RangeType = rangeType,
            StartDate = startDate,
            EndDate = endDate,
            NumberOfOccurrences = range["numberOfOccurrences"]?.GetValue<int>() ?? 0,
            RecurrenceTimeZone = GraphJson.String(range["recurrenceTimeZone"]),
        };
        if ((type is PatternType.Weekly or PatternType.RelativeMonthly or PatternType.RelativeYearly) && recurrence.DaysOfWeek.IsEmpty)
        {
            error = "The recurrence pattern needs daysOfWeek.";
            return false;
        }

        return true;
    }
}
