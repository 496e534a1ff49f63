using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Configuration;
using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Engine;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.State;

namespace OutlookCrm.Core.Sync.Running;

/// <summary>
/// One run for one mailbox: resolve the mailbox's CRM user (the owner on the CRM side), then sync
/// contacts and events with the configuration's settings. Events cover <c>syncFrom</c> to a year ahead.
/// </summary>
public sealed class MailboxSyncRunner(IConnectorSource connectors, ISyncStateStore state, TimeProvider clock, ILogger<MailboxSyncRunner> logger)
{
    public async Task<MailboxSyncReport> RunAsync(
        SyncConfiguration configuration, string mailbox, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var crm = await connectors.CrmAsync(cancellationToken);
        var exchange = await connectors.MailboxAsync(cancellationToken);
        var crmUserId = await crm.FindUserIdByEmailAsync(mailbox, cancellationToken)
            ?? throw new SyncRunException("CrmUserNotFound", $"No active CRM user has the email address {mailbox}; add it to the user's record in the CRM.");
        var windowStart = new DateTimeOffset(configuration.Events.SyncFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var scope = new SyncScope(mailbox, crmUserId, windowStart, clock.GetUtcNow().AddYears(1));

        var contacts = await new SyncEngine<Contact>(new ContactRules(), state, clock).RunAsync(
            new SyncJob<Contact>(ObjectKind.Contact, scope, configuration.ContactSettings, crm.Contacts, exchange.Contacts) { Progress = progress },
            cancellationToken);
        var eventRules = new EventRules(new EventFilterSettings(configuration.Events.SyncFrom, configuration.Events.IncludePrivate));
        var events = await new SyncEngine<CalendarEvent>(eventRules, state, clock).RunAsync(
            new SyncJob<CalendarEvent>(ObjectKind.Event, scope, configuration.EventSettings, crm.Events, exchange.Events) { Progress = progress },
            cancellationToken);

        logger.LogInformation(
            "Synced {Mailbox}: contacts +{ContactsCreated} ~{ContactsUpdated} -{ContactsDeleted} ({ContactErrors} errors), events +{EventsCreated} ~{EventsUpdated} -{EventsDeleted} ({EventErrors} errors)",
            mailbox, contacts.Created.Total, contacts.Updated.Total, contacts.Deleted.Total, contacts.Errors.Count,
            events.Created.Total, events.Updated.Total, events.Deleted.Total, events.Errors.Count);
        return new MailboxSyncReport(mailbox, configuration.Name, contacts, events);
    }
}
