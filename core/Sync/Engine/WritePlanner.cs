using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>Decides every pair from the state matrix: writes to make, and relation changes that need no write.</summary>
internal static class WritePlanner
{
    public sealed record WritePlan<T>(List<PlannedWrite<T>> Writes, List<Relation> RelationUpserts, List<Relation> RelationRemovals) where T : class;

    public static WritePlan<T> Plan<T>(
        List<Pair<T>> pairs, IContentRules<T> rules, ObjectSyncSettings settings, SyncScope scope, ObjectSyncReport report, OutcomeLog outcomes)
        where T : class
    {
        var plan = new WritePlan<T>([], [], []);
        foreach (var pair in pairs)
        {
            var crmHash = pair.CrmBody is { } c && !pair.CrmDeleted ? rules.Hash(c) : null;
            var exchangeHash = pair.ExchangeBody is { } e && !pair.ExchangeDeleted ? rules.Hash(e) : null;
            var sameContent = crmHash is not null && crmHash == exchangeHash;
            var decision = DecisionTable.Decide(State(pair, Side.Crm, crmHash), State(pair, Side.Exchange, exchangeHash), settings, sameContent);
            switch (decision.Kind)
            {
                case SyncActionKind.Copy:
                    plan.Writes.Add(new PlannedWrite<T>(pair, SyncActionKind.Copy, decision.From.Other(), decision.Conflict));
                    break;
                case SyncActionKind.Delete when pair.IdOn(decision.From.Other()) is not null && !pair.DeletedOn(decision.From.Other()):
                    plan.Writes.Add(new PlannedWrite<T>(pair, SyncActionKind.Delete, decision.From.Other(), decision.Conflict));
                    break;
                case SyncActionKind.Delete or SyncActionKind.Unlink:
                    if (pair.Relation is not null)
                    {
                        plan.RelationRemovals.Add(pair.Relation);
                        report.Conflicts += decision.Conflict ? 1 : 0;
                    }

                    break;
                default:
                    if (LinksDue(pair, rules, settings, scope))
                    {
                        // Same content, other people: the CRM's links (EventRelations) need the write. The pair's
                        // new versions are saved only after it, so a run killed before it sees the change again.
                        plan.Writes.Add(new PlannedWrite<T>(pair, SyncActionKind.Copy, Side.Crm, Conflict: false));
                        break;
                    }

                    KeepInStep(pair, crmHash ?? exchangeHash, sameContent, plan, outcomes);
                    break;
            }
        }

        return plan;
    }

    /// <summary>
    /// The people of an Exchange item changed (or were never linked) while its content did not: the
    /// CRM side must update its links. Only where Exchange flows to the CRM and the Exchange item is new
    /// to the pair or moved to a new version (an unchanged version has nothing new to say).
    /// </summary>
    private static bool LinksDue<T>(Pair<T> pair, IContentRules<T> rules, ObjectSyncSettings settings, SyncScope scope) where T : class
    {
        if (!settings.Flows(Side.Exchange) || pair.CrmId is null || pair.CrmDeleted || pair.ExchangeDeleted || pair.ExchangeBody is not { } body)
        {
            return false;
        }

        if (pair.Relation is { } relation && (!pair.ExchangeTouched || pair.ExchangeVersion == relation.ExchangeVersion))
        {
            return false;
        }

        return CanonicalHash.Links(PairLinks.Keys(rules, body, scope)) != pair.Relation?.LinksHash;
    }

    /// <summary>
    /// Nothing to write, but remember what we saw: a matched new pair with equal content becomes a
    /// relation; a related item whose version moved without a mapped change gets its new version.
    /// </summary>
    private static void KeepInStep<T>(Pair<T> pair, string? hash, bool sameContent, WritePlan<T> plan, OutcomeLog outcomes) where T : class
    {
        if (pair.CrmId is null || pair.ExchangeId is null || pair.CrmDeleted || pair.ExchangeDeleted)
        {
            return;
        }

        if (pair.Relation is null)
        {
            if (sameContent)
            {
                plan.RelationUpserts.Add(new Relation(pair.CrmId, pair.CrmVersion, pair.ExchangeId, pair.ExchangeVersion, hash!));
                outcomes.Succeeded(Side.Crm, pair.CrmId);
                outcomes.Succeeded(Side.Exchange, pair.ExchangeId);
            }

            return;
        }

        if (sameContent && hash != pair.Relation.ContentHash)
        {
            // Both sides now hold the same content (a matched pair whose write failed, edited alike on both sides).
            plan.RelationUpserts.Add(pair.Relation with { CrmVersion = pair.CrmVersion, ExchangeVersion = pair.ExchangeVersion, ContentHash = hash! });
        }
        else if (pair.CrmVersion != pair.Relation.CrmVersion || pair.ExchangeVersion != pair.Relation.ExchangeVersion)
        {
            plan.RelationUpserts.Add(pair.Relation with { CrmVersion = pair.CrmVersion, ExchangeVersion = pair.ExchangeVersion });
        }
    }

    private static ItemState State<T>(Pair<T> pair, Side side, string? hash) where T : class
    {
        if (pair.IdOn(side) is null)
        {
            return ItemState.Absent;
        }

        if (pair.DeletedOn(side))
        {
            return ItemState.Deleted;
        }

        if (pair.Relation is null)
        {
            return ItemState.Changed;
        }

        // A write read back without a version of its own is recognised by who changed it, not by content: a field
        // the side can't store as written (an Account name, a trimmed description) would look like an edit and be
        // copied back. Its version is kept (KeepInStep), so later changes compare by version again.
        if (!pair.TouchedOn(side) || pair.Relation.IsAtSyncedVersion(side, pair.VersionOn(side), pair.BySyncOn(side)))
        {
            return ItemState.Unchanged;
        }

        // A new version whose mapped content equals what was last synced: our own echo, or an edit of unmapped fields.
        return hash is null || hash == pair.Relation.ContentHash ? ItemState.Unchanged : ItemState.Changed;
    }
}
