using System.Text.Json.Serialization;

namespace OutlookCrm.Core.Sync;

/// <summary>
/// What one run did for one object kind (Dotmim.Sync's habit: count what was selected, applied,
/// failed). Persisted with the run and shown in the sync status.
/// </summary>
[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
public sealed class ObjectSyncReport
{
    public SideCounts Created { get; } = new();
    public SideCounts Updated { get; } = new();
    public SideCounts Deleted { get; } = new();
    public int Conflicts { get; set; }
    public int Matched { get; set; }
    public Dictionary<string, int> Skipped { get; } = [];
    public List<ReportedError> Errors { get; } = [];

    /// <summary>What a side could not hold of an item that was written (attendees that match no CRM person, occurrences a side cannot move).</summary>
    public List<ReportedLoss> Losses { get; } = [];
    public int Unresolved { get; set; }
    public List<string> Notes { get; } = [];
    public int Passes { get; set; }

    public int Writes => Created.Total + Updated.Total + Deleted.Total;

    public void Skip(string reason) => Skipped[reason] = Skipped.GetValueOrDefault(reason) + 1;
}

/// <summary>Counts per side the write landed on.</summary>
public sealed class SideCounts
{
    public int Crm { get; set; }
    public int Exchange { get; set; }

    public int Total => Crm + Exchange;

    public void Add(Side side)
    {
        if (side == Side.Crm)
        {
            Crm++;
        }
        else
        {
            Exchange++;
        }
    }
}

/// <summary>One failed item: where it came from, its id there, the remote system's own code.</summary>
public sealed record ReportedError(string Side, string Item, string Code, string Message);

/// <summary>Something of an item the target side could not hold: the side it was written to, the item's id on the side it came from, what was lost.</summary>
public sealed record ReportedLoss(string Side, string Item, string What);
