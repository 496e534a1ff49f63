using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>GET/POST/PATCH/DELETE on <c>/users/{id}/contacts</c>.</summary>
internal sealed class GraphContacts(IMailboxStore store)
{
    public GraphResult List(GraphCall call, MailboxInfo box)
    {
        var items = GraphQuery.Filtered(store, box, FolderKind.Contacts, call.Query.GetValueOrDefault("$filter"));
        if (!GraphQuery.TryExpand(call.Query.GetValueOrDefault("$expand"), out var expand) || items is null)
        {
            return GraphErrors.BadRequest(call, "The query specified in the URI is not valid.", "ErrorInvalidUrlQuery");
        }

        var select = GraphQuery.Select(call.Query.GetValueOrDefault("$select"));
        var skip = GraphQuery.Skip(call);
        var size = GraphQuery.PageSize(call, GraphQuery.DefaultPageSize);
        var page = items.Skip(skip).Take(size).Cast<ContactItem>().Select(c => Render(box, c, call, select, expand));
        var json = GraphQuery.Collection(call, $"users('{Uri.EscapeDataString(box.Smtp)}')/contacts", page);
        if (skip + size < items.Count)
        {
            json["@odata.nextLink"] = GraphQuery.NextLink(call, skip + size);
        }

        return new GraphResult(200, json);
    }

    public GraphResult Get(GraphCall call, MailboxInfo box, string id)
    {
        if (Find(call, box, id, out var contact) is { } error)
        {
            return error;
        }

        if (!GraphQuery.TryExpand(call.Query.GetValueOrDefault("$expand"), out var expand))
        {
            return GraphErrors.BadRequest(call, "The query specified in the URI is not valid.", "ErrorInvalidUrlQuery");
        }

        return new GraphResult(200, Render(box, contact!, call, GraphQuery.Select(call.Query.GetValueOrDefault("$select")), expand));
    }

    public GraphResult Create(GraphCall call, MailboxInfo box)
    {
        if (call.Body is not JsonObject body)
        {
            return GraphErrors.BadRequest(call, "Empty Payload. JSON content expected.", "BadRequest");
        }

        var contact = new ContactItem();
        if (ContactJson.Apply(body, ref contact) is { } error)
        {
            return GraphErrors.BadRequest(call, error, "RequestBodyRead");
        }

        var created = store.Create(box.Id, contact);
        return new GraphResult(201, Render(box, created, call, null, null));
    }

    public GraphResult Update(GraphCall call, MailboxInfo box, string id)
    {
        if (Find(call, box, id, out var current) is { } notFound)
        {
            return notFound;
        }

        if (call.Body is not JsonObject body)
        {
            return GraphErrors.BadRequest(call, "Empty Payload. JSON content expected.", "BadRequest");
        }

        var edited = current!;
        if (ContactJson.Apply(body, ref edited) is { } error)
        {
            return GraphErrors.BadRequest(call, error, "RequestBodyRead");
        }

        // Validated on a snapshot above; applied again to the current version so a concurrent edit is kept.
        var result = store.Update<ContactItem>(box.Id, current!.Key, latest =>
        {
            ContactJson.Apply(body, ref latest);
            return latest;
        }, GraphEvents.ExpectedChangeKey(call));
        return result.Status switch
        {
            WriteStatus.Ok => new GraphResult(200, Render(box, result.Item!, call, null, null)),
            WriteStatus.Conflict => GraphEvents.Conflict(call),
            _ => GraphErrors.NotFound(call),
        };
    }

    public GraphResult Delete(GraphCall call, MailboxInfo box, string id)
    {
        if (Find(call, box, id, out var current) is { } notFound)
        {
            return notFound;
        }

        return store.Delete(box.Id, current!.Key).Status == WriteStatus.Ok ? new GraphResult(204) : GraphErrors.NotFound(call);
    }

    public static JsonObject Render(MailboxInfo box, ContactItem contact, GraphCall call, IReadOnlySet<string>? select, ExpandRequest? expand)
    {
        var json = ContactJson.Write(box, contact, call.Prefer.ImmutableIds);
        GraphJson.Expand(json, contact, expand);
        return GraphJson.Select(json, select);
    }

    private GraphResult? Find(GraphCall call, MailboxInfo box, string id, out ContactItem? contact)
    {
        contact = null;
        if (!ItemId.TryParse(id, out var parsed) || parsed.Kind == ItemIdKind.Folder)
        {
            return GraphErrors.Malformed(call);
        }

        if (parsed.Mailbox != box.Id || store.Get(box.Id, parsed.Item) is not ContactItem { IsDeleted: false } found)
        {
            return GraphErrors.NotFound(call);
        }

        contact = found;
        return null;
    }
}
