namespace OutlookCrm.Core.Sync;

public enum SyncDirection { Both, CrmToExchange, ExchangeToCrm, None }

public enum ConflictWinner { Crm, Exchange }

public enum Side { Crm, Exchange }

/// <summary>What the admin chose for one object kind (CONTRACT.md §3, sync configuration).</summary>
public sealed record ObjectSyncSettings(SyncDirection Direction, ConflictWinner ConflictWinner, bool PropagateDeletes)
{
    public bool Flows(Side from) => Direction == SyncDirection.Both
        || (from == Side.Crm && Direction == SyncDirection.CrmToExchange)
        || (from == Side.Exchange && Direction == SyncDirection.ExchangeToCrm);
}

/// <summary>Event-only settings: the window's start and whether private events take part.</summary>
public sealed record EventFilterSettings(DateOnly SyncFrom, bool IncludePrivate);

public static class SideExtensions
{
    public static Side Other(this Side side) => side == Side.Crm ? Side.Exchange : Side.Crm;
}
