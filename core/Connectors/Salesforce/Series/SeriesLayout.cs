using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Connectors.Salesforce.Series;

/// <summary>
/// The occurrence Events of one series laid over the slots its pattern produces: which slot each
/// record holds, which records are moved (exceptions) and which slots lost their record (cancelled).
/// Salesforce keeps no original start for a moved occurrence, so a record the sync moved says it in
/// its stamp; any other moved record takes the nearest free slot. Slots after the last one held are
/// not counted as cancelled: Salesforce makes occurrences only so far ahead.
/// </summary>
internal sealed class SeriesLayout
{
    private static readonly TimeSpan SameInstant = TimeSpan.FromMinutes(1);

    private SeriesLayout(SeriesRecord anchor, IReadOnlyList<SeriesRecord> records) => (Anchor, Records) = (anchor, records);

    public SeriesRecord Anchor { get; }
    public IReadOnlyList<SeriesRecord> Records { get; }
    public Recurrence? Recurrence { get; private set; }
    public TimeSpan Duration { get; private set; }

    /// <summary>Slot start → the record that holds it.</summary>
    public IReadOnlyDictionary<DateTimeOffset, SeriesRecord> Held { get; private set; } = new Dictionary<DateTimeOffset, SeriesRecord>();
    public IReadOnlyList<OccurrenceException> Exceptions { get; private set; } = [];
    public IReadOnlyList<DateTimeOffset> Cancelled { get; private set; } = [];

    public string Version => SeriesRecord.SeriesVersion(Anchor, Records);

    public SeriesKey Key => Anchor.Key;

    /// <summary>The series the records (of one owner) form, each by its <see cref="SeriesKey"/>: pattern start, text and zone.</summary>
    public static IReadOnlyList<SeriesLayout> Group(IEnumerable<SeriesRecord> records) =>
        records.GroupBy(r => r.Key).Select(g => Lay(g.DistinctBy(r => r.Id).ToList())).ToList();

    public static SeriesLayout Lay(IReadOnlyList<SeriesRecord> records)
    {
        var layout = new SeriesLayout(AnchorOf(records), records);
        layout.Place();
        return layout;
    }

    /// <summary>True when the record starts and ends where its slot's regular occurrence does.</summary>
    public bool IsRegular(DateTimeOffset slot, SeriesRecord record) =>
        (record.Start - slot).Duration() < SameInstant && (record.End - (slot + Duration)).Duration() < SameInstant;

    /// <summary>The sync's own anchor, else the occurrence at the pattern's start, else the oldest record.</summary>
    private static SeriesRecord AnchorOf(IReadOnlyList<SeriesRecord> records) =>
        records.FirstOrDefault(r => r.IsStampedAnchor)
        ?? records.Where(r => !r.IsException && (r.Start - r.PatternStart).Duration() < SameInstant).MinBy(r => r.Id, StringComparer.Ordinal)
        ?? records.MinBy(r => r.Id, StringComparer.Ordinal)!;

    private void Place()
    {
        Recurrence = RecurrenceRule.Parse(Anchor.PatternText, DateOnly.FromDateTime(Anchor.PatternStart.UtcDateTime));
        var regular = Records.FirstOrDefault(r => !r.IsException && r.StampedOriginal is null) ?? Anchor;
        Duration = regular.End - regular.Start;
        if (Recurrence is null)
        {
            return;
        }

        var latest = Records.Select(r => r.StampedOriginal is { } o && o > r.Start ? o : r.Start).Max();
        var slots = SeriesSlots.Of(Recurrence, Anchor.PatternStart, Anchor.ZoneKey, latest.AddDays(400));
        var held = new Dictionary<DateTimeOffset, SeriesRecord>();
        var moved = new List<SeriesRecord>();
        foreach (var record in Records.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var claim = record.StampedOriginal is { } original
                ? slots.FirstOrDefault(s => (s - original).Duration() < SameInstant)
                : record.IsException ? default : slots.FirstOrDefault(s => (s - record.Start).Duration() < SameInstant);
            if (claim != default && held.TryAdd(claim, record))
            {
                continue;
            }

            moved.Add(record);
        }

        foreach (var record in moved)
        {
            var nearest = slots.Where(s => !held.ContainsKey(s)).OrderBy(s => (s - record.Start).Duration()).FirstOrDefault();
            if (nearest != default)
            {
                held[nearest] = record;
            }
        }

        var lastHeld = held.Keys.DefaultIfEmpty(Anchor.PatternStart).Max();
        Held = held;
        Exceptions = held.Where(h => !IsRegular(h.Key, h.Value)).OrderBy(h => h.Key)
            .Select(h => new OccurrenceException(h.Key, h.Value.Start, h.Value.End, Differs(h.Value.Subject, Anchor.Subject), Differs(h.Value.Location, Anchor.Location)))
            .ToList();
        Cancelled = slots.Where(s => s < lastHeld && !held.ContainsKey(s)).ToList();
    }

    private static string? Differs(string? value, string? series) => string.Equals(value, series, StringComparison.Ordinal) ? null : value;
}
