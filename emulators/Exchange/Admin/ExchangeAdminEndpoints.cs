using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OutlookCrm.Emulators.Exchange.Graph;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Admin;

/// <summary>
/// Exchange's own <c>/__admin</c> routes (both fronts serve them): seed, "a person edited this in
/// Outlook", counts, meeting messages, token expiry. Item bodies use Graph's JSON shapes.
/// </summary>
public static class ExchangeAdminEndpoints
{
    public static void MapExchangeAdmin(this IEndpointRouteBuilder app, IMailboxStore store)
    {
        var group = app.MapGroup("/__admin");
        group.MapPost("/seed", (SeedDocument document) =>
        {
            try
            {
                return Results.Json(new Seeder(store).Apply(document));
            }
            catch (SeedFailedException e)
            {
                return Results.Problem(e.Message, statusCode: 400);
            }
        });
        group.MapGet("/meeting-messages", () => Results.Json(store.MeetingMessages.Select(m => new
        {
            at = m.At,
            mailbox = m.Mailbox,
            kind = Names.Camel(m.Kind),
            itemId = m.ItemId,
            subject = m.Subject,
            recipients = m.Recipients,
            via = m.Via,
        })));
        group.MapGet("/mailboxes", () => Results.Json(store.Mailboxes.Select(m => new
        {
            id = m.Id,
            smtp = m.Smtp,
            displayName = m.DisplayName,
            contacts = store.Count(m.Id, FolderKind.Contacts),
            events = store.Count(m.Id, FolderKind.Calendar),
        })));

        var items = group.MapGroup("/mailboxes/{smtp}");
        items.MapPost("/items", (string smtp, JsonObject body) => WithMailbox(store, smtp, user =>
        {
            try
            {
                var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
                if (body["contact"] is JsonObject contact)
                {
                    return Results.Json(new { id = user.CreateContact(contact.Deserialize<SeedContact>(options)!) }, statusCode: 201);
                }

                if (body["event"] is JsonObject e)
                {
                    return Results.Json(new { id = user.CreateEvent(e.Deserialize<SeedEvent>(options)!) }, statusCode: 201);
                }

                return Results.Problem("Send {\"contact\":{...}} or {\"event\":{...}} in the seed shape.", statusCode: 400);
            }
            catch (Exception ex) when (ex is SeedFailedException or JsonException)
            {
                return Results.Problem(ex.Message, statusCode: 400);
            }
        }));
        items.MapGet("/items/{id}", (string smtp, string id) => WithMailbox(store, smtp, user => Render(user, id)));
        items.MapPatch("/items/{id}", (string smtp, string id, JsonObject body) => WithMailbox(store, smtp, user => Edit(store, user, id, body)));
        items.MapDelete("/items/{id}", (string smtp, string id) =>
            WithMailbox(store, smtp, user => user.Delete(id) ? Results.NoContent() : Results.NotFound()));
        // POST forms of the same edits, for scripts and clients that only POST.
        items.MapPost("/items/{id}/edit", (string smtp, string id, JsonObject body) => WithMailbox(store, smtp, user => Edit(store, user, id, body)));
        items.MapPost("/items/{id}/delete", (string smtp, string id) =>
            WithMailbox(store, smtp, user => user.Delete(id) ? Results.NoContent() : Results.NotFound()));
        items.MapPost("/items/{id}/move-occurrence", (string smtp, string id, OccurrenceMove move) => WithMailbox(store, smtp, user =>
            user.MoveOccurrence(id, move.OriginalStart.UtcDateTime, move.Start.UtcDateTime, move.End.UtcDateTime) ? Results.NoContent() : Results.NotFound()));
        items.MapPost("/items/{id}/cancel-occurrence", (string smtp, string id, OccurrenceMove cancel) => WithMailbox(store, smtp, user =>
            user.CancelOccurrence(id, cancel.OriginalStart.UtcDateTime) ? Results.NoContent() : Results.NotFound()));
        items.MapPost("/expire-sync-state", (string smtp, string? folder) => WithMailbox(store, smtp, user =>
        {
            foreach (var kind in folder is null ? [FolderKind.Calendar, FolderKind.Contacts] : new[] { Names.Parse(folder, FolderKind.Calendar) })
            {
                store.ExpireTokens(user.Mailbox.Id, kind);
            }

            return Results.NoContent();
        }));
    }

    /// <summary>Body of the occurrence routes: instants with offsets (e.g. <c>2026-03-23T08:00:00Z</c>).</summary>
    public sealed record OccurrenceMove(DateTimeOffset OriginalStart, DateTimeOffset Start, DateTimeOffset End);

    private static IResult WithMailbox(IMailboxStore store, string smtp, Func<OutlookUser, IResult> action) =>
        store.FindMailbox(smtp) is { } box ? action(new OutlookUser(store, box)) : Results.Problem($"No mailbox {smtp}.", statusCode: 404);

    private static IResult Render(OutlookUser user, string id)
    {
        var prefer = new GraphPreferences(null, true, null);
        return user.Read(id) switch
        {
            ContactItem c => Results.Json(ContactJson.Write(user.Mailbox, c, true).Also(j => GraphJson.Expand(j, c, new ExpandRequest(null)))),
            EventItem e => Results.Json(EventJson.Write(user.Mailbox, e, prefer).Also(j =>
            {
                GraphJson.Expand(j, e, new ExpandRequest(null));
                j["isDeleted"] = e.IsDeleted;
                j["exceptions"] = new JsonArray(e.Exceptions.Values.Select(x => (JsonNode?)new JsonObject
                {
                    ["originalStart"] = GraphJson.Timestamp(x.OriginalStartUtc),
                    ["cancelled"] = x.Cancelled,
                    ["start"] = GraphJson.Timestamp(x.StartUtc),
                    ["end"] = GraphJson.Timestamp(x.EndUtc),
                }).ToArray());
            })),
            _ => Results.NotFound(),
        };
    }

    private static IResult Edit(IMailboxStore store, OutlookUser user, string id, JsonObject body)
    {
        if (!ItemId.TryParse(id, out var parsed) || parsed.Mailbox != user.Mailbox.Id)
        {
            return Results.NotFound();
        }

        // Check the body against a snapshot first: a bad edit must not leave a new change key behind.
        string? error = null;
        switch (store.Get(user.Mailbox.Id, parsed.Item))
        {
            case EventItem { IsDeleted: false } e when parsed.Kind == ItemIdKind.Occurrence:
                var x = new OccurrenceException();
                error = EventJson.ApplyToOccurrence(body, ref x);
                break;
            case ContactItem { IsDeleted: false } c:
                error = ContactJson.Apply(body, ref c);
                break;
            case EventItem { IsDeleted: false } e:
                error = EventJson.Apply(body, ref e);
                break;
            default:
                return Results.NotFound();
        }

        if (error is not null)
        {
            return Results.Problem(error, statusCode: 400);
        }

        var ok = parsed.Kind == ItemIdKind.Occurrence
            ? store.EditOccurrence(user.Mailbox.Id, parsed.Item, parsed.OriginalStartUtc, o =>
            {
                EventJson.ApplyToOccurrence(body, ref o);
                return o;
            }).Status == WriteStatus.Ok
            : user.EditContact(id, c =>
            {
                ContactJson.Apply(body, ref c);
                return c;
            }) || user.EditEvent(id, e =>
            {
                EventJson.Apply(body, ref e);
                return e;
            });
        return ok ? Render(user, id) : Results.NotFound();
    }

    private static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
