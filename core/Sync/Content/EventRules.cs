using System.Globalization;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Sync.Content;

/// <summary>
/// Calendar events: subject, times (UTC, minute precision) or dates, location, body text, show-as
/// (folded to what Salesforce holds: busy, free, out of office), privacy and the recurrence. Attendees
/// and the organizer are not compared: the CRM holds them as relations (<see cref="LinkKeys"/>), and a
/// write never touches a meeting's attendees (that would email them).
/// </summary>
public sealed class EventRules(EventFilterSettings filter) : IContentRules<CalendarEvent>
{
    private const int MaxBody = 32_000;

    public string Hash(CalendarEvent item) => CanonicalHash.Of(new
    {
        s = CanonicalHash.Text(item.Subject),
        a = item.IsAllDay,
        st = item.IsAllDay ? Date(item.StartDate, item.Start) : Minute(item.Start),
        en = item.IsAllDay ? Date(item.EndDate, item.End) : Minute(item.End),
        l = CanonicalHash.Text(item.Location),
        b = Body(item.Body),
        sh = FoldShowAs(item.ShowAs).ToString(),
        p = item.IsPrivate,
        r = RecurrenceKey(item.Recurrence),
        ex = item.Exceptions.OrderBy(e => e.OriginalStart).Select(e => $"{Minute(e.OriginalStart)}>{Minute(e.Start)}-{Minute(e.End)}").ToArray(),
        cx = item.CancelledOccurrences.Order().Select(Minute).ToArray(),
        x = CanonicalHash.Custom(item.Custom),
    });

    public string? SkipReason(CalendarEvent item, DateTimeOffset now)
    {
        if (item.IsPrivate && !filter.IncludePrivate)
        {
            return "private";
        }

        var windowStart = new DateTimeOffset(filter.SyncFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var lastEnd = item.Recurrence is { } r ? r.EndDate is { } until ? new DateTimeOffset(until.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : DateTimeOffset.MaxValue : item.End;
        if (lastEnd < windowStart || item.Start > now.AddYears(1))
        {
            return "out of window";
        }

        return null;
    }

    public IReadOnlyList<string> MatchKeys(CalendarEvent item)
    {
        var keys = new List<string>();
        if (!string.IsNullOrEmpty(item.PartnerId))
        {
            keys.Add("partner:" + item.PartnerId);
        }

        if (!string.IsNullOrEmpty(item.ICalUId))
        {
            keys.Add("ical:" + item.ICalUId);
        }

        var start = item.IsAllDay ? Date(item.StartDate, item.Start) : Minute(item.Start);
        var end = item.IsAllDay ? Date(item.EndDate, item.End) : Minute(item.End);
        keys.Add($"slot:{start}|{end}|{CanonicalHash.Text(item.Subject)?.ToLowerInvariant()}");
        return keys;
    }

    /// <summary>The organizer and the attendees (rooms and other resources are not people), by address.</summary>
    public IReadOnlyList<string> LinkKeys(CalendarEvent item) =>
        item.Attendees.Where(a => a.Type != AttendeeType.Resource).Select(a => a.Email)
            .Prepend(item.Organizer?.Email)
            .Select(CanonicalHash.Email).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public CalendarEvent ForWrite(CalendarEvent source, string sourceId, CalendarEvent? target) => target is null
        ? source with { PartnerId = sourceId }
        : target with
        {
            Subject = source.Subject,
            Body = source.Body,
            Start = source.Start,
            End = source.End,
            IsAllDay = source.IsAllDay,
            StartDate = source.StartDate,
            EndDate = source.EndDate,
            Location = source.Location,
            ShowAs = source.ShowAs,
            IsPrivate = source.IsPrivate,
            Recurrence = source.Recurrence,
            Exceptions = source.Exceptions,
            CancelledOccurrences = source.CancelledOccurrences,
            Custom = source.Custom,
            PartnerId = sourceId,
        };

    /// <summary>Both sides hold every mapped event field.</summary>
    public CalendarEvent Complete(CalendarEvent item, CalendarEvent other) => item;

    public bool IsPartial(CalendarEvent item) => false;

    internal static ShowAs FoldShowAs(ShowAs showAs) => showAs switch
    {
        ShowAs.Free => ShowAs.Free,
        ShowAs.OutOfOffice => ShowAs.OutOfOffice,
        _ => ShowAs.Busy,
    };

    private static string Minute(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Date(DateOnly? date, DateTimeOffset fallback) =>
        (date ?? DateOnly.FromDateTime(fallback.UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Body(string? body)
    {
        var text = CanonicalHash.Text(body);
        return text is { Length: > MaxBody } ? text[..MaxBody] : text;
    }

    private static string? RecurrenceKey(Recurrence? r) => r is null
        ? null
        : string.Join('|', r.Type, r.Interval, string.Join(',', r.DaysOfWeek.Order()), r.DayOfMonth, r.Month, r.Index,
            r.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.NumberOfOccurrences);
}
