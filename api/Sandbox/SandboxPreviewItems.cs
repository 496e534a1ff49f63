using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Api.Sandbox;

/// <summary>
/// <c>GET /sandbox/preview-items</c> (sandbox only, with the caller's token): the caller's upcoming demo
/// meetings in the Exchange emulator, as fake items for the add-in preview's Office shim
/// (<c>OfficeShim.add</c> in addin/public/office-shim.js), so <c>/addin/preview.html</c> opens a
/// real demo meeting whose attendees the CRM knows, instead of the shim's made-up ones.
/// </summary>
public static class SandboxPreviewItems
{
    public const string Path = "/sandbox/preview-items";
    private const int MaxItems = 10;

    public static void MapSandboxPreviewItems(this WebApplication app) =>
        app.MapGet(Path, List)
            .RequireAuthorization()
            .WithTags("Sandbox")
            .WithName("SandboxPreviewItems")
            .WithSummary("Sandbox only: the caller's upcoming demo meetings, for the add-in preview.");

    private static Ok<PreviewItemsResponse> List(ClaimsPrincipal user, SandboxEmulators emulators, TimeProvider clock)
    {
        var store = emulators.Exchange.Store;
        if (user.Identity?.Name is not { Length: > 0 } address || store.FindMailbox(address) is not { } mailbox)
        {
            return TypedResults.Ok(new PreviewItemsResponse([]));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // Single meetings with someone to look up: a private one stays out of the CRM, and a series
        // would need an occurrence id, which the shim does not model.
        var meetings = store.List(mailbox.Id, FolderKind.Calendar).OfType<EventItem>()
            .Where(e => !e.IsDeleted && !e.IsCancelled && e.Recurrence is null && e.Sensitivity == Sensitivity.Normal)
            .Where(e => e.EndUtc > now && e.Attendees.Any(a => a.Type != AttendeeType.Resource))
            .OrderBy(e => e.StartUtc)
            .Take(MaxItems);
        return TypedResults.Ok(new PreviewItemsResponse(meetings.Select((e, i) => PreviewItem.From(mailbox, e, i + 1)).ToList()));
    }

    public sealed record PreviewItemsResponse(IReadOnlyList<PreviewItem> Items);

    /// <summary>One read-mode meeting in the shim's item shape.</summary>
    public sealed record PreviewItem(
        string Id, string Label, string ItemType, string Mode, string ItemId, string Subject, string? Location,
        DateTimeOffset Start, DateTimeOffset End, bool IsAllDay, PreviewPerson? Organizer,
        IReadOnlyList<PreviewPerson> RequiredAttendees, IReadOnlyList<PreviewPerson> OptionalAttendees)
    {
        public static PreviewItem From(MailboxInfo mailbox, EventItem meeting, int number)
        {
            var subject = meeting.Subject ?? "";
            return new PreviewItem(
                $"demo-{number}", $"Demo meeting: {subject}", "appointment", "read",
                // As Outlook does: the default (not immutable) id in EWS format. The pane sends its REST
                // form, and the API translates it to the id the sandbox's Graph sync knows the meeting by.
                new ItemId(ItemIdKind.RestItem, mailbox.Id, meeting.Key).ToEws(),
                subject, meeting.Location, Utc(meeting.StartUtc), Utc(meeting.EndUtc), meeting.IsAllDay,
                meeting.Organizer is { } organizer ? PreviewPerson.From(organizer) : null,
                People(meeting, AttendeeType.Required), People(meeting, AttendeeType.Optional));
        }

        private static List<PreviewPerson> People(EventItem meeting, AttendeeType type) =>
            meeting.Attendees.Where(a => a.Type == type).Select(a => PreviewPerson.From(a.Email)).ToList();

        private static DateTimeOffset Utc(DateTime instant) => new(DateTime.SpecifyKind(instant, DateTimeKind.Utc));
    }

    /// <summary>Office.js's EmailAddressDetails: without a name, Outlook shows the address.</summary>
    public sealed record PreviewPerson(string EmailAddress, string DisplayName)
    {
        public static PreviewPerson From(EmailEntry entry) => new(entry.Address, string.IsNullOrWhiteSpace(entry.Name) ? entry.Address : entry.Name);
    }
}
