using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Mapping;

/// <summary>
/// Salesforce Event ↔ <see cref="CalendarEvent"/>. All-day events are a date (ActivityDate) plus a
/// length in whole days (DurationInMinutes), timed ones two UTC instants. WhoId/WhatId are the
/// Event's relations, not its content: neither read into the item (so relating a meeting in the
/// add-in is no change the sync copies to Exchange) nor written (so the sync never strips them);
/// attendees are EventRelations (the sync's <c>EventRelationSync</c>, the add-in's <c>SalesforceEventLinker</c>).
/// A series is a Lightning event series: created with <c>IsRecurrence2</c> and its RRULE, after which
/// Salesforce holds one Event per occurrence (see <c>Series/</c>).
/// </summary>
internal sealed class EventMapper(IReadOnlyList<string> customFields, string? externalIdField) : IRecordMapper<CalendarEvent>
{
    private const int MinutesPerDay = 24 * 60;

    private static readonly string[] Standard =
    [
        "Id", "SystemModstamp", "OwnerId", "Subject", "Description", "Location", "StartDateTime", "EndDateTime", "IsAllDayEvent",
        "ActivityDate", "DurationInMinutes", "ShowAs", "IsPrivate", "Recurrence2PatternText", "WhoId", "WhatId",
        "IsRecurrence2", "IsRecurrence2Exception", "Recurrence2PatternStartDate", "Recurrence2PatternTimeZone",
    ];

    public string SObject => "Event";

    public string? ExternalIdField => externalIdField;

    public IReadOnlyList<string> Fields { get; } =
        [.. Standard, .. customFields, .. externalIdField is null ? Array.Empty<string>() : [externalIdField]];

    /// <summary>Child events are invitees' copies of someone else's event: Exchange has those as meeting invitations.</summary>
    public SoqlCondition ScopeOf(SyncScope scope) => SoqlCondition.And(
        SoqlCondition.Eq("OwnerId", ContactMapper.OwnerOf(scope)),
        SoqlCondition.Eq("IsChild", false),
        SoqlCondition.Ge("EndDateTime", scope.WindowStart),
        SoqlCondition.Le("StartDateTime", scope.WindowEnd));

    public Versioned<CalendarEvent> Read(JsonElement r)
    {
        var allDay = r.Bool("IsAllDayEvent");
        var startDate = allDay ? r.Date("ActivityDate") : null;
        var endDate = startDate?.AddDays(Math.Max(1, (r.Int("DurationInMinutes") ?? MinutesPerDay) / MinutesPerDay));
        var start = startDate is { } s ? Midnight(s) : r.Instant("StartDateTime") ?? default;
        var end = endDate is { } e ? Midnight(e) : r.Instant("EndDateTime") ?? start;
        var custom = customFields.ToDictionary(f => f, f => r.Str(f));
        var body = new CalendarEvent
        {
            Subject = r.Str("Subject") ?? "",
            Body = r.Str("Description"),
            Location = r.Str("Location"),
            Start = start,
            End = end,
            IsAllDay = allDay,
            StartDate = startDate,
            EndDate = endDate,
            ShowAs = r.Str("ShowAs") switch { "Free" => ShowAs.Free, "OutOfOffice" => ShowAs.OutOfOffice, _ => ShowAs.Busy },
            IsPrivate = r.Bool("IsPrivate"),
            Recurrence = RecurrenceRule.Parse(r.Str("Recurrence2PatternText"), DateOnly.FromDateTime(start.UtcDateTime)),
            PartnerId = externalIdField is null ? null : r.Str(externalIdField),
            Custom = custom,
        };
        return new Versioned<CalendarEvent>(r.Str("Id")!, r.Str("SystemModstamp") ?? "", body);
    }

    public JsonObject Write(CalendarEvent e, bool creating = false)
    {
        var record = new JsonObject();
        record.Put("Subject", e.Subject);
        record.Put("Description", e.Body);
        record.Put("Location", e.Location);
        record["IsAllDayEvent"] = e.IsAllDay;
        if (e.IsAllDay)
        {
            var first = e.StartDate ?? DateOnly.FromDateTime(e.Start.UtcDateTime);
            var last = e.EndDate ?? DateOnly.FromDateTime(e.End.UtcDateTime);
            record.Put("ActivityDate", first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            record["DurationInMinutes"] = Math.Max(1, last.DayNumber - first.DayNumber) * MinutesPerDay;
        }
        else
        {
            record.Put("StartDateTime", RecordFields.FormatInstant(e.Start));
            record.Put("EndDateTime", RecordFields.FormatInstant(e.End));
        }

        record.Put("ShowAs", e.ShowAs switch { ShowAs.Free => "Free", ShowAs.OutOfOffice => "OutOfOffice", _ => "Busy" });
        record["IsPrivate"] = e.IsPrivate;
        if (e.Recurrence is { } recurrence)
        {
            record.Put("Recurrence2PatternText", RecurrenceRule.Format(recurrence));
            if (creating)
            {
                // Salesforce makes the occurrences from the pattern, in this zone, when the series is inserted.
                record["IsRecurrence2"] = true;
                record.Put("Recurrence2PatternTimeZone", Series.SeriesSlots.ZoneKey(e.TimeZone));
            }
        }

        foreach (var field in customFields.Where(f => e.Custom.ContainsKey(f)))
        {
            record.Put(field, e.Custom[field]);
        }

        return record;
    }

    public string? PartnerIdOf(CalendarEvent body) => body.PartnerId;

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
