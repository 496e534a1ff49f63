namespace OutlookCrm.Core.Sync.Engine;

/// <summary>A write decided for a pair: copy the source's content to the target side (create or update), or delete on the target.</summary>
internal sealed record PlannedWrite<T>(Pair<T> Pair, SyncActionKind Kind, Side Target, bool Conflict) where T : class
{
    public Side Source => Target.Other();

    public bool IsCreate => Kind == SyncActionKind.Copy && (Pair.IdOn(Target) is null || Pair.DeletedOn(Target));
}
