namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// What one side reads and writes for one mailbox: the mailbox (impersonated on Exchange), the
/// mailbox user's CRM user id (owner on the CRM side, when known) and the event window.
/// </summary>
public sealed record SyncScope(string Mailbox, string? CrmUserId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);
