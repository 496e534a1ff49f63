namespace OutlookCrm.Core.Sync;

/// <summary>The report of one mailbox run, stored as JSON with the run (<c>sync_runs.report_json</c>) and read by the sync status.</summary>
public sealed record MailboxSyncReport(string Mailbox, string? Configuration, ObjectSyncReport Contacts, ObjectSyncReport Events);
