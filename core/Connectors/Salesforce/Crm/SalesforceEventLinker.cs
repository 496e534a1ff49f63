using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Crm;

/// <summary>
/// The add-in's "link this meeting": upsert the Event by the Exchange item id (the external-id
/// field when the org has it), then make its EventRelations match the chosen contacts or lead.
/// Shared Activities allow ≤ 50 contacts or 1 lead, plus one WhatId. Invitee relations are left alone.
/// An Event the sync keeps (<see cref="CrmEventLinkRequest.RelationsOnly"/>) gets only WhoId and
/// WhatId: its content is the sync's, and rewriting it from the pane would be a change to copy back.
/// </summary>
internal sealed class SalesforceEventLinker(SalesforceApi api)
{
    public const int MaxContacts = 50;

    public async Task<CrmEventLink> UpsertAsync(string exchangeItemId, CrmEventLinkRequest request, CancellationToken cancellationToken)
    {
        var who = Validate(request);
        var externalIdField = await api.Schema.ExternalIdFieldAsync("Event", cancellationToken);
        var relationsOnly = request.RelationsOnly && request.KnownCrmEventId is not null;
        var record = relationsOnly ? new JsonObject() : new EventMapper([], null).Write(new CalendarEvent
        {
            Subject = request.Subject, Start = request.Start, End = request.End, IsAllDay = request.IsAllDay,
            Location = request.Location, Body = request.Body,
        });
        record.Put("WhoId", who.FirstOrDefault());
        record.Put("WhatId", request.WhatId);
        if (request.OwnerId is not null && !relationsOnly)
        {
            record.Put("OwnerId", request.OwnerId);
        }

        var (id, created) = await SaveAsync(exchangeItemId, request.KnownCrmEventId, externalIdField, record, cancellationToken);
        return new CrmEventLink(id, created, await SyncRelationsAsync(id, who, cancellationToken));
    }

    private async Task<(string Id, bool Created)> SaveAsync(
        string exchangeItemId, string? knownId, string? externalIdField, JsonObject record, CancellationToken cancellationToken)
    {
        if (knownId is not null)
        {
            await api.SObjects.UpdateAsync("Event", knownId, record, cancellationToken);
            return (knownId, false);
        }

        if (externalIdField is null)
        {
            // Without the field a retry could duplicate; the caller stores the id and passes KnownCrmEventId next time.
            return (await api.SObjects.CreateAsync("Event", record, cancellationToken), true);
        }

        var (id, created) = await api.SObjects.UpsertAsync("Event", externalIdField, exchangeItemId, record, cancellationToken);
        if (id is null)
        {
            var rows = await api.Query.ListAsync<JsonElement>(
                SoqlQuery.Select("Id").From("Event").Where(SoqlCondition.Eq(externalIdField, exchangeItemId)), cancellationToken);
            id = rows.Count > 0 ? rows[0].Str("Id") : null;
        }

        return (id ?? throw new SalesforceException(null, [new SalesforceError(SalesforceErrorCodes.NotFound, "upserted Event not found", [])]), created);
    }

    private async Task<IReadOnlyList<CrmEventRelation>> SyncRelationsAsync(string eventId, IReadOnlyList<string> who, CancellationToken cancellationToken)
    {
        var query = SoqlQuery.Select("Id", "RelationId", "IsWhat").From("EventRelation")
            .Where(SoqlCondition.Eq("EventId", eventId)).Where(SoqlCondition.Eq("IsInvitee", false));
        var existing = (await api.Query.ListAsync<JsonElement>(query, cancellationToken))
            .Select(r => new CrmEventRelation(r.Str("Id")!, r.Str("RelationId")!, r.Bool("IsWhat"))).ToList();
        var missing = who.Where(w => !existing.Any(e => !e.IsWhat && e.RelationId == w)).ToList();
        var extra = existing.Where(e => !e.IsWhat && !who.Contains(e.RelationId)).ToList();

        var added = new List<CrmEventRelation>();
        if (missing.Count > 0)
        {
            var records = missing.Select(relationId => new JsonObject
            {
                ["EventId"] = eventId, ["RelationId"] = relationId, ["IsParent"] = true, ["IsInvitee"] = false,
            }).ToList();
            var results = await api.Collections.CreateAsync("EventRelation", records, cancellationToken);
            foreach (var (relationId, result) in missing.Zip(results))
            {
                if (!result.Success || result.Id is null)
                {
                    var error = result.Errors?.FirstOrDefault();
                    throw new SalesforceException(null, [new SalesforceError(error?.StatusCode ?? SalesforceErrorCodes.Unknown, error?.Message ?? "", error?.Fields ?? [])]);
                }

                added.Add(new CrmEventRelation(result.Id, relationId, false));
            }
        }

        if (extra.Count > 0)
        {
            await api.Collections.DeleteAsync(extra.Select(e => e.Id).ToList(), cancellationToken);
        }

        return [.. existing.Except(extra), .. added];
    }

    private static IReadOnlyList<string> Validate(CrmEventLinkRequest request)
    {
        var who = request.WhoIds.Distinct().ToList();
        if (who.Any(id => !SalesforceId.IsValid(id) || (!SalesforceId.IsContact(id) && !SalesforceId.IsLead(id))))
        {
            throw new ArgumentException("whoIds must be Contact (003…) or Lead (00Q…) ids.", nameof(request));
        }

        var leads = who.Count(SalesforceId.IsLead);
        if (leads > 1 || (leads == 1 && who.Count > 1) || who.Count > MaxContacts)
        {
            throw new ArgumentException($"An event relates to up to {MaxContacts} contacts or one lead.", nameof(request));
        }

        if (request.WhatId is not null && !SalesforceId.IsValid(request.WhatId))
        {
            throw new ArgumentException("whatId is not a Salesforce id.", nameof(request));
        }

        return who;
    }
}
