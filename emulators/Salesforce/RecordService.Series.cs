using OutlookCrm.Emulators.Salesforce.Series;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce;

/// <summary>
/// Lightning event series (API 52+): an Event inserted with <c>IsRecurrence2</c> and an RRULE in
/// <c>Recurrence2PatternText</c> is the first occurrence, and the org makes an Event for each later
/// one, sharing the pattern fields. Updating one occurrence's times makes it an exception; updating
/// an occurrence's pattern (or its times along with the pattern) remakes the series from there on;
/// <c>fromThisEventOnwards</c> deletes an occurrence and every later one. The org knows which series
/// an occurrence belongs to (Change Data Capture shows it as <c>ActivityRecurrence2Id</c>), but Event
/// has no such field in the API: the emulator keeps it in <see cref="SeriesIdField"/>, which is in no
/// describe, query or write, so two series of one owner starting together stay apart here as there.
/// </summary>
public sealed partial class RecordService
{
    /// <summary>How far ahead the org makes occurrences (the documentation names no figure; an open-ended series stops here).</summary>
    public static readonly TimeSpan SeriesHorizon = TimeSpan.FromDays(365);

    public const int MaxOccurrences = 400;

    /// <summary>A record's series, held beside its fields and never served: not a field of the Event schema.</summary>
    private const string SeriesIdField = "__SeriesId";

    private static readonly string[] TimeFields = ["StartDateTime", "EndDateTime", "DurationInMinutes", "ActivityDate", "ActivityDateTime"];

    /// <summary>On insert: checks the pattern and sets the series' own fields. True when occurrences must be made.</summary>
    private static bool SeriesOnCreate(Dictionary<string, object?> fields)
    {
        if (fields.GetValueOrDefault("IsRecurrence2") is not true)
        {
            return fields.GetValueOrDefault("Recurrence2PatternText") is string { Length: > 0 }
                ? throw SeriesError("Recurrence2PatternText is only set on an event series: set IsRecurrence2 to true.")
                : false;
        }

        CheckPattern(fields);
        fields[SeriesIdField] = fields["Id"];
        fields["Recurrence2PatternStartDate"] = fields["StartDateTime"];
        fields["Recurrence2PatternVersion"] = "1";
        fields["Recurrence2PatternTimeZone"] ??= "GMT";
        fields["IsRecurrence2Exception"] = false;
        fields["IsRecurrence2Exclusion"] = false;
        return true;
    }

    /// <summary>On update: false for a plain update; true when the series is to be remade from this occurrence.</summary>
    private static bool SeriesOnUpdate(SObjectRecord existing, Dictionary<string, object?> fields, ICollection<string> given)
    {
        var patternGiven = given.Contains("Recurrence2PatternText");
        if (existing["IsRecurrence2"] is not true)
        {
            return patternGiven && fields.GetValueOrDefault("Recurrence2PatternText") is string { Length: > 0 }
                ? throw SeriesError("A single event cannot become a series by an update.")
                : false;
        }

        var timesChanged = TimeFields.Any(f => !Equals(existing[f], fields.GetValueOrDefault(f)));
        var patternChanged = patternGiven && !Equals(existing["Recurrence2PatternText"], fields.GetValueOrDefault("Recurrence2PatternText"));
        if (patternChanged || (patternGiven && timesChanged))
        {
            CheckPattern(fields);
            fields[SeriesIdField] = fields["Id"]; // from here on a series of its own; the earlier occurrences keep theirs
            fields["Recurrence2PatternStartDate"] = fields["StartDateTime"];
            fields["IsRecurrence2Exception"] = false;
            return true;
        }

        if (timesChanged)
        {
            fields["IsRecurrence2Exception"] = true;
        }

        return false;
    }

    /// <summary>
    /// Makes the occurrences after <paramref name="first"/>, which holds the pattern. When it was an
    /// occurrence of a series already (<paramref name="before"/>), that series' occurrences from it on
    /// go first: on its first occurrence that is the whole series, on a later one a split.
    /// </summary>
    private void MakeOccurrences(SObjectRecord first, SObjectRecord? before, string userId, Transaction? tx)
    {
        if (before is not null)
        {
            var from = (DateTime)before["StartDateTime"]!;
            foreach (var later in SeriesMembers(before)
                         .Where(r => r.Id != first.Id && (DateTime)r["StartDateTime"]! >= from))
            {
                Delete(null, later.Id, userId, tx);
            }
        }

        var pattern = SeriesPattern.Parse(first["Recurrence2PatternText"] as string)!;
        var zone = Zone(first["Recurrence2PatternTimeZone"] as string);
        var start = (DateTime)first["StartDateTime"]!;
        var length = ((DateTime)first["EndDateTime"]! - start).Duration();
        var localFirst = TimeZoneInfo.ConvertTimeFromUtc(start, zone);
        var occurrences = pattern.Occurrences(localFirst, localFirst + SeriesHorizon, local => ToUtc(local, zone), MaxOccurrences).Skip(1);
        foreach (var local in occurrences)
        {
            var occurrenceStart = ToUtc(local, zone);
            var fields = new Dictionary<string, object?>(first.Fields, StringComparer.OrdinalIgnoreCase);
            foreach (var unique in first.Type.Fields.Where(f => f.Unique))
            {
                fields[unique.Name] = null; // a unique external id stays on the occurrence it was given to
            }

            var now = org.Now;
            var id = org.NewId(first.Type);
            fields["Id"] = id;
            fields["StartDateTime"] = occurrenceStart;
            fields["EndDateTime"] = occurrenceStart + length;
            fields["ActivityDateTime"] = first["ActivityDateTime"] is null ? null : occurrenceStart;
            fields["ActivityDate"] = DateOnly.FromDateTime(first["IsAllDayEvent"] is true ? local : occurrenceStart);
            fields["CreatedDate"] = fields["LastModifiedDate"] = fields["SystemModstamp"] = now;
            fields["CreatedById"] = fields["LastModifiedById"] = userId;
            var record = new SObjectRecord(first.Type, id, fields);
            Store.Put(record);
            tx?.Remember(id, null);
            AfterWrite(record, userId, tx);
        }
    }

    /// <summary><c>DELETE /sobjects/Event/{id}/fromThisEventOnwards</c>.</summary>
    public void DeleteFromThisEventOnwards(string id, string userId) => Store.Exclusive(() =>
    {
        var record = RequireLive(RequireType("Event"), id);
        if (record["IsRecurrence2"] is not true || record["IsRecurrence2Exclusion"] is true || record["IsChild"] is true)
        {
            throw new SalesforceApiException(400, "INVALID_OPERATION", "Only an occurrence of an event series can be deleted with the events after it.", []);
        }

        var from = (DateTime)record["StartDateTime"]!;
        foreach (var member in SeriesMembers(record).Where(r => (DateTime)r["StartDateTime"]! >= from))
        {
            Delete(null, member.Id, userId);
        }

        return true;
    });

    /// <summary>The live occurrences of the series <paramref name="any"/> belongs to.</summary>
    private IEnumerable<SObjectRecord> SeriesMembers(SObjectRecord any) =>
        Store.Snapshot("Event", includeDeleted: false)
            .Where(r => r["IsRecurrence2"] is true && Equals(r[SeriesIdField], any[SeriesIdField]))
            .ToList();

    private static void CheckPattern(Dictionary<string, object?> fields)
    {
        if (SeriesPattern.Parse(fields.GetValueOrDefault("Recurrence2PatternText") as string) is null)
        {
            throw SeriesError($"Recurrence2PatternText: invalid or unsupported RRULE: {fields.GetValueOrDefault("Recurrence2PatternText")}");
        }

        if (fields.GetValueOrDefault("IsAllDayEvent") is not true && fields.GetValueOrDefault("EndDateTime") is null)
        {
            throw SeriesError("An event series needs an end time.");
        }
    }

    private static TimeZoneInfo Zone(string? key) =>
        key is not null && TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(unspecified) ? unspecified.AddHours(1) : unspecified, zone);
    }

    private static SalesforceApiException SeriesError(string message) =>
        new(400, "FIELD_INTEGRITY_EXCEPTION", message, ["Recurrence2PatternText"]);
}
