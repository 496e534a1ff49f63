using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>
/// Routes a <see cref="GraphCall"/> under <c>/users/{id|upn}</c> to the contacts and events handlers,
/// after the checks Graph makes: the user exists, the app's access policy includes the mailbox,
/// the token carries the permission.
/// </summary>
public sealed class GraphDispatcher(IMailboxStore store)
{
    private const string PolicyDenied = "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.";
    private readonly GraphContacts contacts = new(store);
    private readonly GraphEvents events = new(store);
    private readonly GraphDelta delta = new(store);
    private readonly GraphTranslateIds translateIds = new(store);

    public static string Operation(string method, string path)
    {
        var s = Segments(path);
        if (s.Length == 1 && s[0] == "$batch")
        {
            return "graph.batch";
        }

        if (s.Length is 1 or 2 && s[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            return (s.Length, method.ToUpperInvariant()) switch
            {
                (1, "POST") => "graph.subscriptions.create",
                (1, "GET") => "graph.subscriptions.list",
                (2, "GET") => "graph.subscriptions.get",
                (2, "PATCH") => "graph.subscriptions.update",
                (2, "DELETE") => "graph.subscriptions.delete",
                _ => "graph.other",
            };
        }

        if (s.Length < 2 || !s[0].Equals("users", StringComparison.OrdinalIgnoreCase))
        {
            return "graph.other";
        }

        var rest = Rest(s);
        if (rest.Length == 0)
        {
            return "graph.users.get";
        }

        var collection = rest[0].ToLowerInvariant();
        return (collection, rest.Length, method.ToUpperInvariant()) switch
        {
            ("contacts", 1, "GET") => "graph.contacts.list",
            ("contacts", 1, "POST") => "graph.contacts.create",
            ("contacts", 2, "GET") when rest[1] == "delta" => "graph.contacts.delta",
            ("contacts", 2, "GET") => "graph.contacts.get",
            ("contacts", 2, "PATCH") => "graph.contacts.update",
            ("contacts", 2, "DELETE") => "graph.contacts.delete",
            ("events", 1, "GET") => "graph.events.list",
            ("events", 1, "POST") => "graph.events.create",
            ("events", 2, "GET") => "graph.events.get",
            ("events", 2, "PATCH") => "graph.events.update",
            ("events", 2, "DELETE") => "graph.events.delete",
            ("events", 3, "GET") => "graph.events.instances",
            ("calendarview", 1, "GET") => "graph.events.calendarView",
            ("calendarview", 2, "GET") => "graph.events.delta",
            ("calendar", 1, "GET") => "graph.calendar.get",
            ("calendars", 1, "GET") => "graph.calendars.list",
            ("contactfolders", 1, "GET") => "graph.contactFolders.list",
            ("translateexchangeids", 1, "POST") => "graph.users.translateExchangeIds",
            _ => "graph.other",
        };
    }

    /// <summary>The user segment of a path (the throttling key before it is resolved), or null.</summary>
    public static string? UserSegment(string path)
    {
        var s = Segments(path);
        return s.Length >= 2 && s[0].Equals("users", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(s[1]) : null;
    }

    public GraphResult Dispatch(GraphCall call)
    {
        try
        {
            return Route(call);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            return GraphErrors.BadRequest(call, $"Invalid request body: {e.Message}", "RequestBodyRead");
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
        {
            return GraphErrors.Error(500, "ErrorInternalServerError", $"An internal server error occurred. {e.Message}", call.ClientRequestId);
        }
    }

    private GraphResult Route(GraphCall call)
    {
        var s = Segments(call.Path);
        if (s.Length < 2 || !s[0].Equals("users", StringComparison.OrdinalIgnoreCase))
        {
            return GraphErrors.BadRequest(call, $"Resource not found for the segment '{s.FirstOrDefault()}'.", "BadRequest");
        }

        var user = Uri.UnescapeDataString(s[1]);
        var box = store.FindMailbox(user);
        if (box is null)
        {
            return GraphErrors.Error(404, "ErrorInvalidUser", $"The requested user '{user}' is invalid.", call.ClientRequestId);
        }

        if (call.Caller.AppId is { } appId && store.FindApp(appId) is { } app && !app.MayAccess(box.Smtp))
        {
            return GraphErrors.Error(403, "ErrorAccessDenied", PolicyDenied, call.ClientRequestId);
        }

        var rest = Rest(s);
        if (rest.Length == 0)
        {
            return call.Method == "GET" ? new GraphResult(200, User(call, box)) : MethodNotAllowed(call);
        }

        if (rest is [var action] && action.Equals("translateExchangeIds", StringComparison.OrdinalIgnoreCase))
        {
            return call.Method == "POST" ? translateIds.Translate(call, box) : MethodNotAllowed(call);
        }

        if (CheckFolder(call, box, s) is { } folderError)
        {
            return folderError;
        }

        if (rest is [var folders] && call.Method == "GET"
            && (folders.Equals("calendars", StringComparison.OrdinalIgnoreCase) || folders.Equals("contactFolders", StringComparison.OrdinalIgnoreCase)))
        {
            var kind = folders.Equals("calendars", StringComparison.OrdinalIgnoreCase) ? FolderKind.Calendar : FolderKind.Contacts;
            return Permitted(call, kind == FolderKind.Calendar ? "Calendars" : "Contacts", true)
                ? new GraphResult(200, Folders(call, box, kind))
                : Denied(call);
        }

        var isRead = call.Method == "GET";
        switch (rest[0].ToLowerInvariant())
        {
            case "contacts":
                if (!Permitted(call, "Contacts", isRead))
                {
                    return Denied(call);
                }

                return rest switch
                {
                    [_] when call.Method == "GET" => contacts.List(call, box),
                    [_] when call.Method == "POST" => contacts.Create(call, box),
                    [_, "delta"] when call.Method == "GET" => delta.Contacts(call, box),
                    [_, var id] when call.Method == "GET" => contacts.Get(call, box, id),
                    [_, var id] when call.Method == "PATCH" => contacts.Update(call, box, id),
                    [_, var id] when call.Method == "DELETE" => contacts.Delete(call, box, id),
                    _ => MethodNotAllowed(call),
                };
            case "events" or "calendarview" or "calendar":
                if (!Permitted(call, "Calendars", isRead))
                {
                    return Denied(call);
                }

                if (rest[0].Equals("calendar", StringComparison.OrdinalIgnoreCase))
                {
                    return rest.Length == 1 && isRead ? new GraphResult(200, Calendar(call, box)) : MethodNotAllowed(call);
                }

                if (rest[0].Equals("calendarView", StringComparison.OrdinalIgnoreCase))
                {
                    return rest switch
                    {
                        [_] when isRead => events.CalendarView(call, box),
                        [_, "delta"] when isRead => delta.CalendarView(call, box),
                        _ => MethodNotAllowed(call),
                    };
                }

                return rest switch
                {
                    [_] when call.Method == "GET" => events.List(call, box),
                    [_] when call.Method == "POST" => events.Create(call, box),
                    [_, var id] when call.Method == "GET" => events.Get(call, box, id),
                    [_, var id] when call.Method == "PATCH" => events.Update(call, box, id),
                    [_, var id] when call.Method == "DELETE" => events.Delete(call, box, id),
                    [_, var id, "instances"] when isRead => events.Instances(call, box, id),
                    _ => MethodNotAllowed(call),
                };
            default:
                return GraphErrors.BadRequest(call, $"Resource not found for the segment '{rest[0]}'.", "BadRequest");
        }
    }

    private static bool Permitted(GraphCall call, string resource, bool read) =>
        call.Caller.HasRole($"{resource}.ReadWrite") || (read && call.Caller.HasRole($"{resource}.Read"));

    private static GraphResult Denied(GraphCall call) =>
        GraphErrors.Error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.", call.ClientRequestId);

    private static GraphResult MethodNotAllowed(GraphCall call) =>
        GraphErrors.Error(405, "ErrorInvalidRequest", $"The OData request is not supported: {call.Method} {call.Path}.", call.ClientRequestId);

    private static JsonObject User(GraphCall call, MailboxInfo box) => new()
    {
        ["@odata.context"] = $"{call.BaseUrl}/v1.0/$metadata#users/$entity",
        ["id"] = box.Id.ToString(),
        ["displayName"] = box.DisplayName,
        ["mail"] = box.Smtp,
        ["userPrincipalName"] = box.Smtp,
    };

    private static JsonObject Calendar(GraphCall call, MailboxInfo box) => new()
    {
        ["@odata.context"] = $"{call.BaseUrl}/v1.0/$metadata#users('{Uri.EscapeDataString(box.Smtp)}')/calendar/$entity",
        ["id"] = new ItemId(ItemIdKind.Folder, box.Id, box.CalendarFolderId).ToGraph(),
        ["name"] = "Calendar",
        ["canEdit"] = true,
        ["canShare"] = true,
        ["isDefaultCalendar"] = true,
        ["owner"] = new JsonObject { ["name"] = box.DisplayName, ["address"] = box.Smtp },
    };

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Rest(string[] s)
    {
        var rest = s[2..];
        // /calendar/events, /calendar/calendarView, /calendars/{id}/... and /contactFolders/{id}/contacts/... name the
        // same collections as /events, /calendarView and /contacts (the mailbox has one calendar and one contacts folder).
        if (rest.Length > 1 && rest[0].Equals("calendar", StringComparison.OrdinalIgnoreCase))
        {
            return rest[1..];
        }

        if (rest.Length > 2 && (rest[0].Equals("calendars", StringComparison.OrdinalIgnoreCase) || rest[0].Equals("contactFolders", StringComparison.OrdinalIgnoreCase)))
        {
            return rest[2..];
        }

        return rest;
    }

    /// <summary>The folder id inside /calendars/{id}/… or /contactFolders/{id}/…, when the path has one.</summary>
    private static (FolderKind Kind, string Id)? FolderSegment(string[] s) =>
        s.Length > 4 && s[2].Equals("calendars", StringComparison.OrdinalIgnoreCase) ? (FolderKind.Calendar, Uri.UnescapeDataString(s[3]))
        : s.Length > 4 && s[2].Equals("contactFolders", StringComparison.OrdinalIgnoreCase) ? (FolderKind.Contacts, Uri.UnescapeDataString(s[3]))
        : null;

    private static GraphResult? CheckFolder(GraphCall call, MailboxInfo box, string[] s)
    {
        if (FolderSegment(s) is not var (kind, id))
        {
            return null;
        }

        if (!ItemId.TryParse(id, out var parsed) || parsed.Kind != ItemIdKind.Folder)
        {
            return GraphErrors.Malformed(call);
        }

        return parsed.Mailbox == box.Id && parsed.Item == box.FolderId(kind) ? null : GraphErrors.NotFound(call);
    }

    private static JsonObject Folders(GraphCall call, MailboxInfo box, FolderKind kind)
    {
        var id = new ItemId(ItemIdKind.Folder, box.Id, box.FolderId(kind)).ToGraph();
        var folder = kind == FolderKind.Calendar
            ? new JsonObject { ["id"] = id, ["name"] = "Calendar", ["canEdit"] = true, ["isDefaultCalendar"] = true }
            : new JsonObject { ["id"] = id, ["parentFolderId"] = new ItemId(ItemIdKind.Folder, box.Id, box.Id).ToGraph(), ["displayName"] = "Contacts" };
        return GraphQuery.Collection(call, kind == FolderKind.Calendar ? "calendars" : "contactFolders", [folder]);
    }
}
