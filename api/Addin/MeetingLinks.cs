using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Addin;

/// <summary>
/// The add-in's links, made so that a meeting the sync also syncs has one CRM Event whichever comes
/// first (docs/decisions/0007). All keyed by the sync's id of the meeting (<see cref="AddinItemIds"/>).
/// Synced first: the link takes the sync's Event and changes only its relations. Linked first in a
/// synced mailbox: the Event is made from the meeting as Exchange has it, the way the sync makes it
/// (stamped with that id), so the sync pairs with it and finds nothing to copy.
/// </summary>
public sealed class MeetingLinks(EventLinkRepository links, SyncConfigurationRepository configurations, IConnectorSource connectors, TimeProvider clock)
{
    /// <summary>
    /// Relates the meeting. In a mailbox whose events sync, the Event's content is the sync's: the link
    /// writes only relations (to the sync's Event, or one made from the Exchange meeting); elsewhere
    /// the pane's fields are the content, as the Event is the link's alone.
    /// </summary>
    public async Task<CrmEventLink> LinkAsync(CrmUser me, string sentId, string syncId, CrmLinkRequest request, ICrmConnector crm, CancellationToken cancellationToken)
    {
        var sync = await EventSyncAsync(me, cancellationToken);
        var known = await links.FindSyncedCrmEventAsync(me.Mailbox, syncId, cancellationToken)
            ?? (await FindAsync(sentId, syncId, cancellationToken))?.CrmEventId
            ?? (sync is { } reach ? await CreateFromExchangeAsync(reach, syncId, crm, cancellationToken) : null);
        var result = await crm.UpsertEventLinkAsync(syncId, new CrmEventLinkRequest(
            request.Subject!, request.Start!.Value, request.End!.Value, request.IsAllDay, request.Location, request.Body,
            request.WhoIds ?? [], request.WhatId, me.Id, known, RelationsOnly: sync is not null), cancellationToken);
        await SaveAsync(sentId, syncId, result.CrmEventId, me.Mailbox, cancellationToken);
        return result;
    }

    /// <summary>
    /// Forgets the link. An Event only the link made is deleted; one the sync keeps stays (deleting it
    /// would delete the meeting in Outlook) and loses the relations instead. False when not linked.
    /// </summary>
    public async Task<bool> UnlinkAsync(CrmUser me, string sentId, string syncId, ICrmConnector crm, CancellationToken cancellationToken)
    {
        if (await FindAsync(sentId, syncId, cancellationToken) is not { } link)
        {
            return false;
        }

        if (await links.FindSyncedCrmEventAsync(me.Mailbox, syncId, cancellationToken) is { } synced)
        {
            await crm.UpsertEventLinkAsync(syncId, CrmEventLinkRequest.RelationsOf(synced, [], null), cancellationToken);
        }
        else
        {
            var scope = new SyncScope(me.Mailbox, me.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            var outcome = (await crm.Events.ApplyAsync(scope, [new WriteRequest<CalendarEvent>("unlink", WriteKind.Delete, link.CrmEventId, null, null)], cancellationToken)).Single();
            if (outcome.Error is { Kind: not WriteErrorKind.NotFound } error)
            {
                throw new ProblemException(StatusCodes.Status502BadGateway, "The CRM refused the delete", $"{error.Code}: {error.Message}");
            }
        }

        await links.DeleteAsync(link.ExchangeItemId, cancellationToken);
        return true;
    }

    /// <summary>The link by the sync's id, or by the id as sent (links made before ids were translated).</summary>
    public async Task<EventLink?> FindAsync(string sentId, string syncId, CancellationToken cancellationToken) =>
        await links.FindAsync(syncId, cancellationToken) ?? (sentId == syncId ? null : await links.FindAsync(sentId, cancellationToken));

    private async Task SaveAsync(string sentId, string syncId, string crmEventId, string mailbox, CancellationToken cancellationToken)
    {
        await links.SaveAsync(syncId, crmEventId, mailbox, cancellationToken);
        if (sentId != syncId)
        {
            await links.DeleteAsync(sentId, cancellationToken);
        }
    }

    /// <summary>
    /// The scope the sync reads this mailbox's events in (the runner's window: syncFrom to a year ahead)
    /// with the Exchange connector, or null when nothing syncs them.
    /// </summary>
    private async Task<(SyncScope Scope, IMailboxConnector Exchange)?> EventSyncAsync(CrmUser me, CancellationToken cancellationToken)
    {
        var configuration = await configurations.FindActiveForMailboxAsync(me.Mailbox, cancellationToken);
        if (configuration is null || configuration.Events.Direction == SyncDirection.None || await ExchangeAsync(cancellationToken) is not { } exchange)
        {
            return null;
        }

        var windowStart = new DateTimeOffset(configuration.Events.SyncFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (new SyncScope(me.Mailbox, me.Id, windowStart, clock.GetUtcNow().AddYears(1)), exchange);
    }

    /// <summary>
    /// The Event for a meeting neither linked nor synced yet, made from the meeting as Exchange has it
    /// (body, show-as, privacy included) through the sync's own CRM writes: owned by the user, stamped
    /// with the meeting's id. Null when the meeting is outside the sync's window; the pane's fields make
    /// the Event then.
    /// </summary>
    private static async Task<string?> CreateFromExchangeAsync(
        (SyncScope Scope, IMailboxConnector Exchange) sync, string syncId, ICrmConnector crm, CancellationToken cancellationToken)
    {
        if ((await sync.Exchange.Events.ReadAsync(sync.Scope, [syncId], cancellationToken)).FirstOrDefault() is not { } meeting)
        {
            return null;
        }

        var create = new WriteRequest<CalendarEvent>("link", WriteKind.Create, null, null, meeting.Body with { PartnerId = syncId });
        var outcome = (await crm.Events.ApplyAsync(sync.Scope, [create], cancellationToken)).Single();
        return outcome.Error is { } error
            ? throw new ProblemException(StatusCodes.Status502BadGateway, "The CRM refused the meeting", $"{error.Code}: {error.Message}")
            : outcome.Id;
    }

    private async Task<IMailboxConnector?> ExchangeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await connectors.MailboxAsync(cancellationToken);
        }
        catch (SyncRunException missing) when (missing.Code == SyncRunException.ConnectionMissing)
        {
            return null;
        }
    }
}
