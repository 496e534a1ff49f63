using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce;

/// <summary>Event rules: consistent times, Shared Activities limits, and the EventRelation behind WhoId.</summary>
public sealed partial class RecordService
{
    /// <summary>Start, end and duration keep each other consistent as Salesforce's Event does; ActivityDate follows the start.</summary>
    private static void EventTimes(Dictionary<string, object?> fields, HashSet<string> given, bool creating)
    {
        var allDay = fields.GetValueOrDefault("IsAllDayEvent") is true;
        if (given.Contains("ActivityDateTime") && !given.Contains("StartDateTime"))
        {
            fields["StartDateTime"] = fields["ActivityDateTime"];
        }

        if (allDay && fields.GetValueOrDefault("ActivityDate") is DateOnly day
            && (given.Contains("ActivityDate") || fields.GetValueOrDefault("StartDateTime") is null))
        {
            fields["StartDateTime"] = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        if (fields.GetValueOrDefault("StartDateTime") is not DateTime start)
        {
            throw new SalesforceApiException(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [StartDateTime]", ["StartDateTime"]);
        }

        if (given.Contains("EndDateTime") && fields.GetValueOrDefault("EndDateTime") is DateTime end)
        {
            if (end < start)
            {
                throw new SalesforceApiException(400, "FIELD_INTEGRITY_EXCEPTION", "End Date Time: End time can't be before start time", ["EndDateTime"]);
            }

            fields["DurationInMinutes"] = (decimal)(int)(end - start).TotalMinutes;
        }
        else if (fields.GetValueOrDefault("DurationInMinutes") is decimal minutes)
        {
            fields["EndDateTime"] = start.AddMinutes((double)minutes);
        }
        else if (allDay)
        {
            fields["DurationInMinutes"] = 1440m;
            fields["EndDateTime"] = start.AddMinutes(1440);
        }
        else if (creating || fields.GetValueOrDefault("EndDateTime") is null)
        {
            throw new SalesforceApiException(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [DurationInMinutes]", ["DurationInMinutes"]);
        }

        fields["ActivityDateTime"] = allDay ? null : start;
        fields["ActivityDate"] = DateOnly.FromDateTime(start);
    }

    /// <summary>Shared Activities: an event relates to at most 50 contacts or one lead.</summary>
    private void CheckEventRelation(Dictionary<string, object?> fields, string id)
    {
        if (fields.GetValueOrDefault("IsParent") is not true || fields.GetValueOrDefault("RelationId") is not string relationId)
        {
            return;
        }

        var eventId = fields.GetValueOrDefault("EventId") as string;
        var whos = (eventId is null ? [] : Store.Referencing("EventRelation", "EventId", eventId))
            .Where(r => r.Id != id && r["IsParent"] is true)
            .Select(r => SalesforceIds.Prefix((string)r["RelationId"]!))
            .Append(SalesforceIds.Prefix(relationId))
            .ToList();
        var leads = whos.Count(p => p == "00Q");
        var contacts = whos.Count(p => p == "003");
        if (leads > 1 || (leads == 1 && contacts > 0))
        {
            throw new SalesforceApiException(400, "FIELD_INTEGRITY_EXCEPTION", "An event can be related to one lead, or to contacts, not both.", ["RelationId"]);
        }

        if (contacts > MaxContactsPerEvent)
        {
            throw new SalesforceApiException(400, "FIELD_INTEGRITY_EXCEPTION", $"An event can be related to at most {MaxContactsPerEvent} contacts.", ["RelationId"]);
        }
    }

    /// <summary>Event.WhoId gets its EventRelation, as with Shared Activities turned on.</summary>
    private void AfterWrite(SObjectRecord record, string userId, Transaction? tx)
    {
        if (record.Type.Name != "Event" || record["WhoId"] is not string whoId)
        {
            return;
        }

        var exists = Store.Referencing("EventRelation", "EventId", record.Id).Any(r => (string?)r["RelationId"] == whoId);
        if (!exists)
        {
            Create(RequireType("EventRelation"), new JsonObject { ["EventId"] = record.Id, ["RelationId"] = whoId, ["IsParent"] = true }, userId, tx);
        }
    }
}
