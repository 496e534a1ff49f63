using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>
/// <c>/users/{id}/events</c>, <c>/calendarView</c> and <c>/events/{id}/instances</c>. Creating an
/// event with attendees, or changing or deleting a meeting the mailbox organises, is recorded as a
/// meeting message: Graph has no way to keep those quiet.
/// </summary>
internal sealed class GraphEvents(IMailboxStore store)
{
    public GraphResult List(GraphCall call, MailboxInfo box)
    {
        var filtered = GraphQuery.Filtered(store, box, FolderKind.Calendar, call.Query.GetValueOrDefault("$filter"));
        if (!GraphQuery.TryExpand(call.Query.GetValueOrDefault("$expand"), out var expand) || filtered is null)
        {
            return GraphErrors.BadRequest(call, "The query specified in the URI is not valid.", "ErrorInvalidUrlQuery");
        }

        var items = filtered.Cast<EventItem>().ToList();
        return Page(call, box, $"users('{Uri.EscapeDataString(box.Smtp)}')/events",
            items.Select(e => new EventInstance(e, e.StartUtc, e.EndUtc, null, null, 0)).ToList(), expand);
    }

    public GraphResult CalendarView(GraphCall call, MailboxInfo box)
    {
        if (Window(call) is not var (from, to))
        {
            return MissingWindow(call);
        }

        if (!GraphQuery.TryExpand(call.Query.GetValueOrDefault("$expand"), out var expand))
        {
            return GraphErrors.BadRequest(call, "The query specified in the URI is not valid.", "ErrorInvalidUrlQuery");
        }

        var instances = store.List(box.Id, FolderKind.Calendar).Cast<EventItem>()
            .SelectMany(e => RecurrenceExpander.Instances(e, from, to))
            .OrderBy(i => i.StartUtc).ThenBy(i => i.Source.CreatedSeq).ToList();
        return Page(call, box, $"users('{Uri.EscapeDataString(box.Smtp)}')/calendarView", instances, expand);
    }

    public GraphResult Instances(GraphCall call, MailboxInfo box, string id)
    {
        if (Window(call) is not var (from, to))
        {
            return MissingWindow(call);
        }

        if (Find(call, box, id, out var master, out _) is { } error)
        {
            return error;
        }

        var instances = RecurrenceExpander.Instances(master!, from, to).ToList();
        return Page(call, box, $"users('{Uri.EscapeDataString(box.Smtp)}')/events('{id}')/instances", instances, null);
    }

    public GraphResult Get(GraphCall call, MailboxInfo box, string id)
    {
        if (Find(call, box, id, out var item, out var occurrence) is { } error)
        {
            return error;
        }

        if (!GraphQuery.TryExpand(call.Query.GetValueOrDefault("$expand"), out var expand))
        {
            return GraphErrors.BadRequest(call, "The query specified in the URI is not valid.", "ErrorInvalidUrlQuery");
        }

        var instance = occurrence ?? new EventInstance(item!, item!.StartUtc, item.EndUtc, null, null, 0);
        return new GraphResult(200, Render(box, instance, call, GraphQuery.Select(call.Query.GetValueOrDefault("$select")), expand));
    }

    public GraphResult Create(GraphCall call, MailboxInfo box)
    {
        if (call.Body is not JsonObject body)
        {
            return GraphErrors.BadRequest(call, "Empty Payload. JSON content expected.", "BadRequest");
        }

        if (body["start"] is null || body["end"] is null)
        {
            return GraphErrors.BadRequest(call, "Your request can't be completed. The start and end of the event are required.", "ErrorInvalidRequest");
        }

        var item = new EventItem
        {
            Organizer = new EmailEntry(box.DisplayName, box.Smtp),
            ICalUId = Seeder.NewICalUId(),
        };
        if (EventJson.Apply(body, ref item) is { } error)
        {
            return GraphErrors.BadRequest(call, error, "RequestBodyRead");
        }

        if (item.TransactionId is { } transaction
            && store.List(box.Id, FolderKind.Calendar).OfType<EventItem>().FirstOrDefault(e => e.TransactionId == transaction) is { } earlier)
        {
            return new GraphResult(201, Render(box, Single(earlier), call, null, null));
        }

        if (item.Recurrence is { } r && r.StartDate == default)
        {
            item = item with { Recurrence = r with { StartDate = DateOnly.FromDateTime(TimeZones.FromUtc(item.StartUtc, TimeZones.FindOrUtc(item.StartTimeZone))) } };
        }

        var created = store.Create(box.Id, item);
        if (!created.Attendees.IsEmpty)
        {
            Record(box, created, MeetingMessageKind.Invitation, GraphJson.Id(box, created.Key, true), "graph.events.create");
        }

        return new GraphResult(201, Render(box, Single(created), call, null, null));
    }

    public GraphResult Update(GraphCall call, MailboxInfo box, string id)
    {
        if (Find(call, box, id, out var item, out var occurrence) is { } notFound)
        {
            return notFound;
        }

        if (call.Body is not JsonObject body)
        {
            return GraphErrors.BadRequest(call, "Empty Payload. JSON content expected.", "BadRequest");
        }

        if (occurrence is not null)
        {
            string? error = null;
            var result = store.EditOccurrence(box.Id, item!.Key, occurrence.OriginalStartUtc!.Value, x =>
            {
                error = EventJson.ApplyToOccurrence(body, ref x);
                return x;
            }, ExpectedChangeKey(call));
            if (error is not null)
            {
                return GraphErrors.BadRequest(call, error, "RequestBodyRead");
            }

            if (result.Status != WriteStatus.Ok)
            {
                return result.Status == WriteStatus.Conflict ? Conflict(call) : GraphErrors.NotFound(call);
            }

            AnnounceIfMeeting(box, result.Item!, MeetingMessageKind.Update, id);
            var edited = RecurrenceExpander.Occurrence(result.Item!, occurrence.OriginalStartUtc.Value)!;
            return new GraphResult(200, Render(box, edited, call, null, null));
        }

        var changed = item!;
        if (EventJson.Apply(body, ref changed) is { } invalid)
        {
            return GraphErrors.BadRequest(call, invalid, "RequestBodyRead");
        }

        // Validated on a snapshot above; applied again to the current version so a concurrent edit is kept.
        var updated = store.Update<EventItem>(box.Id, item!.Key, latest =>
        {
            EventJson.Apply(body, ref latest);
            return latest;
        }, ExpectedChangeKey(call));
        if (updated.Status != WriteStatus.Ok)
        {
            return updated.Status == WriteStatus.Conflict ? Conflict(call) : GraphErrors.NotFound(call);
        }

        if (!item.Attendees.IsEmpty || !updated.Item!.Attendees.IsEmpty)
        {
            AnnounceIfMeeting(box, updated.Item!, MeetingMessageKind.Update, id);
        }

        return new GraphResult(200, Render(box, Single(updated.Item!), call, null, null));
    }

    public GraphResult Delete(GraphCall call, MailboxInfo box, string id)
    {
        if (Find(call, box, id, out var item, out var occurrence) is { } notFound)
        {
            return notFound;
        }

        if (occurrence is not null)
        {
            var cancelled = store.CancelOccurrence(box.Id, item!.Key, occurrence.OriginalStartUtc!.Value);
            if (cancelled.Status != WriteStatus.Ok)
            {
                return GraphErrors.NotFound(call);
            }

            AnnounceIfMeeting(box, cancelled.Item!, MeetingMessageKind.Cancellation, id);
            return new GraphResult(204);
        }

        if (store.Delete(box.Id, item!.Key).Status != WriteStatus.Ok)
        {
            return GraphErrors.NotFound(call);
        }

        AnnounceIfMeeting(box, item, MeetingMessageKind.Cancellation, id);
        return new GraphResult(204);
    }

    public static JsonObject Render(MailboxInfo box, EventInstance instance, GraphCall call, IReadOnlySet<string>? select, ExpandRequest? expand)
    {
        var json = EventJson.WriteInstance(box, instance, call.Prefer);
        GraphJson.Expand(json, instance.Source, expand);
        return GraphJson.Select(json, select);
    }

    /// <summary><c>If-Match: W/"changeKey"</c> makes the write conditional.</summary>
    public static string? ExpectedChangeKey(GraphCall call) =>
        call.IfMatch is { } etag && etag != "*" ? etag.Replace("W/", "", StringComparison.Ordinal).Trim('"') : null;

    public static GraphResult Conflict(GraphCall call) =>
        GraphErrors.Error(412, "ErrorIrresolvableConflict",
            "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.",
            call.ClientRequestId);

    public static (DateTime From, DateTime To)? Window(GraphCall call)
    {
        if (!call.Query.TryGetValue("startDateTime", out var start) || !call.Query.TryGetValue("endDateTime", out var end)
            || !Names.TryParseLocal(start, TimeZoneInfo.Utc, out var from) || !Names.TryParseLocal(end, TimeZoneInfo.Utc, out var to))
        {
            return null;
        }

        return (from, to);
    }

    public static GraphResult MissingWindow(GraphCall call) =>
        GraphErrors.BadRequest(call, "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
            "ErrorInvalidParameter");

    private GraphResult Page(GraphCall call, MailboxInfo box, string context, List<EventInstance> instances, ExpandRequest? expand)
    {
        var select = GraphQuery.Select(call.Query.GetValueOrDefault("$select"));
        var skip = GraphQuery.Skip(call);
        var size = GraphQuery.PageSize(call, GraphQuery.DefaultPageSize);
        var json = GraphQuery.Collection(call, context, instances.Skip(skip).Take(size).Select(i => Render(box, i, call, select, expand)));
        if (skip + size < instances.Count)
        {
            json["@odata.nextLink"] = GraphQuery.NextLink(call, skip + size);
        }

        var result = new GraphResult(200, json);
        if (call.Prefer.TimeZone is { } zone)
        {
            result.With("Preference-Applied", $"outlook.timezone=\"{zone}\"");
        }

        return result;
    }

    private static EventInstance Single(EventItem e) => new(e, e.StartUtc, e.EndUtc, null, null, 0);

    private void AnnounceIfMeeting(MailboxInfo box, EventItem item, MeetingMessageKind kind, string id)
    {
        var organizes = item.Organizer is null || string.Equals(item.Organizer.Address, box.Smtp, StringComparison.OrdinalIgnoreCase);
        if (organizes && !item.Attendees.IsEmpty)
        {
            Record(box, item, kind, id, kind == MeetingMessageKind.Cancellation ? "graph.events.delete" : "graph.events.update");
        }
    }

    private void Record(MailboxInfo box, EventItem item, MeetingMessageKind kind, string id, string via) =>
        store.RecordMeetingMessage(new MeetingMessage(DateTimeOffset.UtcNow, box.Smtp, kind, id, item.Subject,
            item.Attendees.Select(a => a.Email.Address).ToList(), via));

    private GraphResult? Find(GraphCall call, MailboxInfo box, string id, out EventItem? item, out EventInstance? occurrence)
    {
        item = null;
        occurrence = null;
        if (!ItemId.TryParse(id, out var parsed) || parsed.Kind == ItemIdKind.Folder)
        {
            return GraphErrors.Malformed(call);
        }

        if (parsed.Mailbox != box.Id || store.Get(box.Id, parsed.Item) is not EventItem { IsDeleted: false } found)
        {
            return GraphErrors.NotFound(call);
        }

        item = found;
        if (parsed.Kind == ItemIdKind.Occurrence)
        {
            occurrence = RecurrenceExpander.Occurrence(found, parsed.OriginalStartUtc);
            if (occurrence is null)
            {
                return GraphErrors.NotFound(call);
            }
        }

        return null;
    }
}
