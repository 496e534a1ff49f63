using System.Text.Json.Nodes;

namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>
/// Replication: <c>/updated/</c> (SystemModstamp in [start, end), ≤ 30 days back) and
/// <c>/deleted/</c> (deletions in [start, end), ≤ 15 days back). Both truncate to the minute.
/// </summary>
public sealed partial class SalesforceApi
{
    private static readonly TimeSpan UpdatedWindow = TimeSpan.FromDays(30);
    private static readonly TimeSpan DeletedWindow = TimeSpan.FromDays(15);
    private const int MaxIds = 600_000;

    private JsonObject Updated(ApiRequest request, string typeName)
    {
        var type = records.RequireType(typeName);
        var (start, end) = Window(request, UpdatedWindow, out _);
        var covered = Covered(end);
        var ids = new JsonArray();
        foreach (var record in org.Store.Snapshot(type.Name, includeDeleted: false))
        {
            var stamp = record.SystemModstamp;
            if (stamp >= start && stamp < end)
            {
                ids.Add(record.Id);
            }
        }

        TooMany(ids.Count);
        return new JsonObject { ["ids"] = ids, ["latestDateCovered"] = SalesforceFormat.DateTime(covered) };
    }

    private JsonObject Deleted(ApiRequest request, string typeName)
    {
        var type = records.RequireType(typeName);
        var (start, end) = Window(request, DeletedWindow, out var earliest);
        var deleted = new JsonArray();
        foreach (var record in org.Store.Snapshot(type.Name, includeDeleted: true))
        {
            if (record.DeletedAt is { } at && at >= start && at < end)
            {
                deleted.Add(new JsonObject { ["id"] = record.Id, ["deletedDate"] = SalesforceFormat.DateTime(at) });
            }
        }

        TooMany(deleted.Count);
        return new JsonObject
        {
            ["deletedRecords"] = deleted,
            ["earliestDateAvailable"] = SalesforceFormat.DateTime(earliest),
            ["latestDateCovered"] = SalesforceFormat.DateTime(Covered(end)),
        };
    }

    private (DateTime Start, DateTime End) Window(ApiRequest request, TimeSpan maxBack, out DateTime earliest)
    {
        var now = org.Now;
        earliest = Minute(now - maxBack);
        if (org.CreatedAt > earliest)
        {
            earliest = Minute(org.CreatedAt);
        }

        if (!request.Query.TryGetValue("start", out var startText) || !request.Query.TryGetValue("end", out var endText))
        {
            throw new SalesforceApiException(400, "MISSING_ARGUMENT", "start and end are required");
        }

        if (!SalesforceFormat.TryParseDateTime(startText, out var start) || !SalesforceFormat.TryParseDateTime(endText, out var end))
        {
            throw new SalesforceApiException(400, "INVALID_REPLICATION_DATE", "start and end must be valid ISO 8601 date-times");
        }

        start = Minute(start);
        end = Minute(end);
        if (start >= end)
        {
            throw new SalesforceApiException(400, "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate");
        }

        if (start < Minute(now - maxBack))
        {
            throw new SalesforceApiException(400, "INVALID_REPLICATION_DATE", $"startDate cannot be more than {maxBack.TotalDays:0} days ago");
        }

        return (start, end);
    }

    /// <summary>Records stamped in the current minute may still arrive: coverage stops at its start.</summary>
    private DateTime Covered(DateTime end) => end < Minute(org.Now) ? end : Minute(org.Now);

    private static DateTime Minute(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    private static void TooMany(int count)
    {
        if (count > MaxIds)
        {
            throw new SalesforceApiException(400, "EXCEEDED_ID_LIMIT", "Too many ids; choose start and end dates closer together");
        }
    }
}
