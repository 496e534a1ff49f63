namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>
/// The mailbox store behind both fronts. Thread-safe. Items are immutable records; every write
/// gives a new change key and a new folder sequence number, which is what change tracking
/// (EWS SyncState, Graph delta tokens) counts from.
/// </summary>
public interface IMailboxStore
{
    /// <summary>
    /// Raised after every item write (create, update, delete; occurrence edits are updates of their master), outside
    /// the store's locks, from whichever front or admin edit made it. Graph change notifications start here.
    /// </summary>
    event Action<StoreChange>? Changed;

    /// <summary>Changes on reset, so tokens minted before a reset are refused.</summary>
    int Epoch { get; }

    /// <summary>A fresh opaque change key (for occurrence exceptions, which live inside their master).</summary>
    string NewChangeKey();

    MailboxInfo AddMailbox(string smtp, string? displayName = null, Guid? id = null);

    /// <summary>By SMTP address / UPN (case-insensitive) or user id.</summary>
    MailboxInfo? FindMailbox(string smtpOrId);

    MailboxInfo? FindMailbox(Guid id);

    IReadOnlyList<MailboxInfo> Mailboxes { get; }

    /// <summary>Stores a new item; key, change key and sequence numbers are assigned here.</summary>
    T Create<T>(Guid mailbox, T item)
        where T : MailboxItem;

    /// <summary>The item, deleted or not; null when unknown.</summary>
    MailboxItem? Get(Guid mailbox, Guid key);

    /// <summary>Applies <paramref name="change"/> to the current version. <paramref name="expectedChangeKey"/> set: a different current key is a conflict.</summary>
    WriteResult<T> Update<T>(Guid mailbox, Guid key, Func<T, T> change, string? expectedChangeKey = null)
        where T : MailboxItem;

    /// <summary>Soft delete: the item stays as a tombstone so change tracking reports it.</summary>
    WriteResult<MailboxItem> Delete(Guid mailbox, Guid key, string? expectedChangeKey = null);

    /// <summary>Live (not deleted) items of a folder, oldest first.</summary>
    IReadOnlyList<MailboxItem> List(Guid mailbox, FolderKind folder);

    /// <summary>Live items of a folder whose extended property <paramref name="key"/> equals <paramref name="value"/> (indexed).</summary>
    IReadOnlyList<MailboxItem> FindByExtendedProperty(Guid mailbox, FolderKind folder, ExtendedPropertyKey key, string value);

    int Count(Guid mailbox, FolderKind folder);

    long CurrentSeq(Guid mailbox, FolderKind folder);

    /// <summary>Sequence numbers below this are no longer resumable (their token expired).</summary>
    long OldestValidSeq(Guid mailbox, FolderKind folder);

    /// <summary>Makes every token issued so far for the folder invalid (models an expired sync state).</summary>
    void ExpireTokens(Guid mailbox, FolderKind folder);

    /// <summary>Changes after <paramref name="afterSeq"/>, one entry per item (latest state), in change order.</summary>
    ChangePage Changes(Guid mailbox, FolderKind folder, long afterSeq, int max);

    void RecordMeetingMessage(MeetingMessage message);

    IReadOnlyList<MeetingMessage> MeetingMessages { get; }

    void AddServiceAccount(ServiceAccount account);

    ServiceAccount? FindServiceAccount(string username);

    void AddApp(AppRegistration app);

    AppRegistration? FindApp(string clientId);

    void Reset();
}

/// <summary>One written item: which mailbox and folder, how, and its new change key.</summary>
public sealed record StoreChange(Guid Mailbox, FolderKind Folder, ChangeKind Kind, Guid Item, string ChangeKey);
