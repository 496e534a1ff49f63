using System.Globalization;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Salesforce.Series;

/// <summary>
/// What makes a series' occurrence Events match the series as Exchange has it, the documented way
/// (REST API, "Delete Lightning Experience Event Series"; an update of one occurrence makes it an
/// exception): delete the occurrence of each cancelled date, move the occurrence of each moved one
/// (stamped with its original start), put back occurrences moved before that are no longer moved.
/// The first occurrence stands for the series, so it is neither moved nor deleted, and a deleted
/// occurrence cannot be brought back: those are losses.
/// </summary>
internal sealed record SeriesPlan(IReadOnlyList<string> Deletes, IReadOnlyList<JsonObject> Updates, IReadOnlyList<string> Losses)
{
    private static readonly TimeSpan SameInstant = TimeSpan.FromMinutes(1);

    public static SeriesPlan For(CalendarEvent wanted, SeriesLayout layout, string? externalIdField)
    {
        var deletes = new List<string>();
        var updates = new List<JsonObject>();
        var losses = new List<string>();
        var cancelled = wanted.CancelledOccurrences.ToList();
        var moved = wanted.Exceptions.Where(x => !cancelled.Any(c => Same(c, x.OriginalStart))).ToList();

        foreach (var original in cancelled)
        {
            switch (Holder(layout, original))
            {
                case { } record when record.Id == layout.Anchor.Id:
                    losses.Add($"occurrence {Format(original)} is cancelled in Exchange but stays on Salesforce: the first occurrence holds the series");
                    break;
                case { } record:
                    deletes.Add(record.Id);
                    break;
            }
        }

        foreach (var exception in moved)
        {
            var record = Holder(layout, exception.OriginalStart);
            if (record is null)
            {
                losses.Add($"occurrence {Format(exception.OriginalStart)} is not on Salesforce, so its move to {Format(exception.Start)} is not written");
            }
            else if (record.Id == layout.Anchor.Id)
            {
                losses.Add($"occurrence {Format(exception.OriginalStart)} moved in Exchange stays in place on Salesforce: the first occurrence holds the series");
            }
            else if (!SameTimes(record, exception.Start, exception.End) || (externalIdField is not null && record.StampedOriginal is null))
            {
                updates.Add(Move(record, exception.OriginalStart, exception.Start, exception.End, wanted.PartnerId, externalIdField));
            }
        }

        foreach (var (slot, record) in layout.Held)
        {
            var stillMoved = moved.Any(x => Same(x.OriginalStart, slot)) || cancelled.Any(c => Same(c, slot));
            if (!stillMoved && record.Id != layout.Anchor.Id && !layout.IsRegular(slot, record))
            {
                updates.Add(Move(record, slot, slot, slot + layout.Duration, wanted.PartnerId, externalIdField));
            }
        }

        losses.AddRange(layout.Cancelled.Where(slot => !cancelled.Any(c => Same(c, slot)))
            .Select(slot => $"occurrence {Format(slot)} was deleted on Salesforce and cannot be restored there"));
        return new SeriesPlan(deletes, updates, losses);
    }

    private static SeriesRecord? Holder(SeriesLayout layout, DateTimeOffset original) =>
        layout.Held.FirstOrDefault(h => Same(h.Key, original)).Value;

    private static JsonObject Move(SeriesRecord record, DateTimeOffset original, DateTimeOffset start, DateTimeOffset end, string? partnerId, string? externalIdField)
    {
        var update = new JsonObject { ["id"] = record.Id };
        update.Put("StartDateTime", RecordFields.FormatInstant(start));
        update.Put("EndDateTime", RecordFields.FormatInstant(end));
        if (externalIdField is not null && partnerId is not null)
        {
            update.Put(externalIdField, SeriesRecord.StampFor(partnerId, original));
        }

        return update;
    }

    private static bool SameTimes(SeriesRecord record, DateTimeOffset start, DateTimeOffset end) =>
        Same(record.Start, start) && Same(record.End, end);

    private static bool Same(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() < SameInstant;

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
