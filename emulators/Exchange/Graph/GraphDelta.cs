using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>
/// <c>contacts/delta</c> and <c>calendarView/delta</c> on the store's change log: pages end with
/// <c>@odata.nextLink</c> ($skiptoken) until the last, which carries <c>@odata.deltaLink</c>
/// ($deltatoken); deletions come as <c>@removed</c>; an expired or unknown token is 410.
/// </summary>
internal sealed class GraphDelta(IMailboxStore store)
{
    private const string Front = "graph";

    public GraphResult Contacts(GraphCall call, MailboxInfo box)
    {
        if (!Resume(call, box, FolderKind.Contacts, out var token))
        {
            return Gone(call);
        }

        var select = token?.Select ?? call.Query.GetValueOrDefault("$select");
        var selected = GraphQuery.Select(select);
        var size = Math.Min(call.Prefer.MaxPageSize ?? GraphQuery.DefaultDeltaPageSize, GraphQuery.MaxPageSize);
        var page = store.Changes(box.Id, FolderKind.Contacts, token?.Seq ?? 0, size);
        var values = page.Changes.Select(c => c.Kind == ChangeKind.Delete
            ? Removed("#microsoft.graph.contact", GraphJson.Id(box, c.Item.Key, call.Prefer.ImmutableIds))
            : GraphContacts.Render(box, (ContactItem)c.Item, call, selected, null));
        var json = GraphQuery.Collection(call, "Collection(contact)", values);
        var next = new ChangeToken(Front, box.Id, FolderKind.Contacts, store.Epoch, page.NextSeq, Select: select);
        Link(json, call, box, "contacts/delta", next, page.MoreAvailable);
        return Applied(new GraphResult(200, json), call, size);
    }

    public GraphResult CalendarView(GraphCall call, MailboxInfo box)
    {
        if (!Resume(call, box, FolderKind.Calendar, out var token))
        {
            return Gone(call);
        }

        DateTime from, to;
        if (token is { WindowStart: { } s, WindowEnd: { } e })
        {
            (from, to) = (s, e);
        }
        else if (GraphEvents.Window(call) is var (f, t))
        {
            (from, to) = (f, t);
        }
        else
        {
            return GraphEvents.MissingWindow(call);
        }

        var select = token?.Select ?? call.Query.GetValueOrDefault("$select");
        var selected = GraphQuery.Select(select);
        var size = Math.Min(call.Prefer.MaxPageSize ?? GraphQuery.DefaultDeltaPageSize, GraphQuery.MaxPageSize);
        var values = new List<JsonObject>(size);

        // Resume after token.Seq; when the item right after it is the one a page ended inside, skip what was sent.
        var cursor = token?.Seq ?? 0;
        var skipInFirst = token?.Offset ?? 0;
        var more = false;
        var nextSeq = cursor;
        var nextOffset = 0;
        while (!more)
        {
            var chunk = store.Changes(box.Id, FolderKind.Calendar, cursor, 256);
            foreach (var change in chunk.Changes)
            {
                var records = Records(call, box, change, from, to, selected);
                var skip = skipInFirst > 0 && change.Item.ChangeSeq == cursor + 1 ? skipInFirst : 0;
                skipInFirst = 0;
                var taken = skip;
                foreach (var record in records.Skip(skip))
                {
                    if (values.Count == size)
                    {
                        more = true;
                        break;
                    }

                    values.Add(record);
                    taken++;
                }

                if (more)
                {
                    nextSeq = change.Item.ChangeSeq - 1;
                    nextOffset = taken;
                    break;
                }

                cursor = change.Item.ChangeSeq;
            }

            if (!more)
            {
                if (chunk.MoreAvailable)
                {
                    cursor = chunk.NextSeq;
                    continue;
                }

                nextSeq = chunk.NextSeq;
                break;
            }
        }

        var json = GraphQuery.Collection(call, "Collection(event)", values);
        var next = new ChangeToken(Front, box.Id, FolderKind.Calendar, store.Epoch, nextSeq, nextOffset, from, to, select);
        Link(json, call, box, "calendarView/delta", next, more);
        return Applied(new GraphResult(200, json), call, size);
    }

    /// <summary>What one changed item looks like inside the window: its instances, and removals for what left it.</summary>
    private static List<JsonObject> Records(GraphCall call, MailboxInfo box, ItemChange change, DateTime from, DateTime to, IReadOnlySet<string>? select)
    {
        var item = (EventItem)change.Item;
        var records = new List<JsonObject>();
        var wasSeen = change.Kind != ChangeKind.Create;
        if (item.Recurrence is null)
        {
            var id = GraphJson.Id(box, item.Key, call.Prefer.ImmutableIds);
            var inside = RecurrenceExpander.Instances(item, from, to).FirstOrDefault();
            if (change.Kind == ChangeKind.Delete || inside is null)
            {
                if (wasSeen)
                {
                    records.Add(Removed("#microsoft.graph.event", id));
                }
            }
            else
            {
                records.Add(GraphEvents.Render(box, inside, call, select, null));
            }

            return records;
        }

        foreach (var instance in RecurrenceExpander.Instances(item, from, to))
        {
            var occurrenceId = new ItemId(ItemIdKind.Occurrence, box.Id, item.Key, instance.OriginalStartUtc!.Value).ToGraph();
            records.Add(change.Kind == ChangeKind.Delete
                ? Removed("#microsoft.graph.event", occurrenceId)
                : GraphEvents.Render(box, instance, call, select, null));
        }

        if (wasSeen && change.Kind != ChangeKind.Delete)
        {
            foreach (var (original, exception) in item.Exceptions)
            {
                if (exception.Cancelled && original >= from && original < to)
                {
                    records.Add(Removed("#microsoft.graph.event", new ItemId(ItemIdKind.Occurrence, box.Id, item.Key, original).ToGraph()));
                }
            }
        }

        return records;
    }

    private bool Resume(GraphCall call, MailboxInfo box, FolderKind folder, out ChangeToken? token)
    {
        token = null;
        var text = call.Query.GetValueOrDefault("$skiptoken") ?? call.Query.GetValueOrDefault("$deltatoken");
        if (text is null)
        {
            return true;
        }

        token = ChangeToken.TryDecode(text, Front);
        return token is not null && token.IsCurrent(store, box.Id, folder);
    }

    private static void Link(JsonObject json, GraphCall call, MailboxInfo box, string path, ChangeToken next, bool more)
    {
        var url = $"{call.BaseUrl}/v1.0/users/{Uri.EscapeDataString(box.Smtp)}/{path}";
        if (more)
        {
            json["@odata.nextLink"] = $"{url}?$skiptoken={next.Encode()}";
        }
        else
        {
            json["@odata.deltaLink"] = $"{url}?$deltatoken={next.Encode()}";
        }
    }

    private static JsonObject Removed(string type, string id) => new()
    {
        ["@odata.type"] = type,
        ["id"] = id,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };

    private static GraphResult Applied(GraphResult result, GraphCall call, int size) =>
        call.Prefer.MaxPageSize is not null ? result.With("Preference-Applied", $"odata.maxpagesize={size}") : result;

    private static GraphResult Gone(GraphCall call) =>
        GraphErrors.Error(410, "SyncStateNotFound", "The sync state generation is not valid or has expired. Start a new round of synchronization without a token.",
            call.ClientRequestId);
}
