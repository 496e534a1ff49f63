using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Connectors.Salesforce.Sync;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Sync.Links;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Relations;

/// <summary>
/// Makes the attendees of a batch of events their EventRelations (WhoId relations: IsParent, not
/// invitees) within Shared Activities' limits, and keeps them in step: for the whole batch, one
/// Composite call to match up to 1,200 addresses, one query per 200 events for their relations,
/// and one sObject Collections call per 200 relations removed and per 200 added. It removes only
/// relations it made itself (the pair's link state), so a user's or the add-in's stay.
/// </summary>
internal sealed class EventRelationSync(SalesforceApi api)
{
    private readonly AttendeeDirectory directory = new(api);

    public sealed record Item(string Key, string EventId, ItemLinks Links);

    public sealed record Result(LinkOutcome Links, IReadOnlyList<string> Losses);

    public async Task<IReadOnlyDictionary<string, Result>> ApplyAsync(SyncScope scope, IReadOnlyList<Item> items, CancellationToken cancellationToken)
    {
        var mailbox = scope.Mailbox.Trim().ToLowerInvariant();
        var results = new Dictionary<string, Result>(StringComparer.Ordinal);
        var work = new List<(Item Item, List<string> People, IReadOnlyList<string> Owned)>();
        foreach (var item in items)
        {
            var people = item.Links.People.Where(p => p != mailbox).ToList();
            var owned = LinkReconciler.Parse(item.Links.State);
            if (people.Count == 0 && owned.Count == 0)
            {
                results[item.Key] = new Result(new LinkOutcome(null, Complete: true), []); // nothing to add, nothing of ours to remove
                continue;
            }

            work.Add((item, people, owned));
        }

        if (work.Count == 0)
        {
            return results;
        }

        try
        {
            var matches = await directory.MatchAsync(work.SelectMany(w => w.People).ToList(), cancellationToken);
            var existing = await ExistingAsync(work.Select(w => w.Item.EventId).ToList(), cancellationToken);
            var plans = work.Select(w => RelationPlan.For(w.Item, w.People, w.Owned, matches, existing.GetValueOrDefault(w.Item.EventId) ?? [])).ToList();
            await RemoveAsync(plans, cancellationToken);
            await AddAsync(plans, cancellationToken);
            foreach (var plan in plans)
            {
                var owned = LinkReconciler.OwnedAfter(plan.Wanted, plan.Owned, plan.Added, plan.NotRemoved);
                results[plan.Item.Key] = new Result(new LinkOutcome(LinkReconciler.Format(owned), plan.Complete), plan.Losses);
            }
        }
        catch (SalesforceException ex) when (ex is not SalesforceAuthException)
        {
            foreach (var (item, _, owned) in work)
            {
                results[item.Key] = new Result(new LinkOutcome(LinkReconciler.Format(owned), Complete: false),
                    [$"attendees were not linked as EventRelations ({ex.ErrorCode}: {ex.SalesforceMessage})"]);
            }
        }

        return results;
    }

    /// <summary>The events' WhoId relations (contacts and leads, not invitees): event id → (relation record id, contact or lead id).</summary>
    private async Task<Dictionary<string, List<(string Id, string RelationId)>>> ExistingAsync(IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var chunk in eventIds.Distinct().Chunk(SalesforceSyncLimits.IdsPerQuery))
        {
            var query = SoqlQuery.Select("Id", "EventId", "RelationId").From("EventRelation")
                .Where(SoqlCondition.In("EventId", chunk)).Where(SoqlCondition.Eq("IsParent", true)).Where(SoqlCondition.Eq("IsWhat", false));
            foreach (var record in await api.Query.ListAsync<JsonElement>(query, cancellationToken))
            {
                var eventId = record.Str("EventId")!;
                (existing.TryGetValue(eventId, out var list) ? list : existing[eventId] = []).Add((record.Str("Id")!, record.Str("RelationId")!));
            }
        }

        return existing;
    }

    // Removals go first: a lead can join an event only once its contacts are gone, and the other way round.
    private async Task RemoveAsync(IReadOnlyList<RelationPlan> plans, CancellationToken cancellationToken)
    {
        var removals = plans.SelectMany(plan => plan.Remove.Select(r => (Plan: plan, r.Id, r.RelationId))).ToList();
        foreach (var chunk in SObjectCollectionsClient.Chunks(removals))
        {
            var results = await api.Collections.DeleteAsync(chunk.Select(r => r.Id).ToList(), cancellationToken);
            foreach (var ((plan, _, relationId), result) in chunk.Zip(results).Where(p => !p.Second.Success))
            {
                plan.Failed(relationId, removing: true, result);
            }
        }
    }

    private async Task AddAsync(IReadOnlyList<RelationPlan> plans, CancellationToken cancellationToken)
    {
        var additions = plans.SelectMany(plan => plan.Add.Select(relationId => (Plan: plan, RelationId: relationId))).ToList();
        foreach (var chunk in SObjectCollectionsClient.Chunks(additions))
        {
            var records = chunk.Select(a => new JsonObject
            {
                ["EventId"] = a.Plan.Item.EventId, ["RelationId"] = a.RelationId, ["IsParent"] = true, ["IsInvitee"] = false,
            }).ToList();
            var results = await api.Collections.CreateAsync("EventRelation", records, cancellationToken);
            foreach (var ((plan, relationId), result) in chunk.Zip(results))
            {
                if (result.Success)
                {
                    plan.Added.Add(relationId);
                }
                else
                {
                    plan.Failed(relationId, removing: false, result);
                }
            }
        }
    }
}
