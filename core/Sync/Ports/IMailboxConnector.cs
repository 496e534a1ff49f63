using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// The Exchange side, whichever protocol reaches it (Graph app-only or EWS with impersonation):
/// the sync engine and the admin API see only this.
/// </summary>
public interface IMailboxConnector
{
    ISyncSide<Contact> Contacts { get; }
    ISyncSide<CalendarEvent> Events { get; }

    /// <summary>authenticate → impersonate (EWS) / mailbox access (Graph) → calendar → contacts; never changes data.</summary>
    Task<ConnectionTestResult> TestAsync(string mailbox, CancellationToken cancellationToken);
}
