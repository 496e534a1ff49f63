namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>A mailbox as callers see it: its user id (Graph), primary SMTP address (EWS, UPN) and folder ids.</summary>
public sealed record MailboxInfo(Guid Id, string Smtp, string DisplayName, Guid CalendarFolderId, Guid ContactsFolderId)
{
    public Guid FolderId(FolderKind folder) => folder == FolderKind.Calendar ? CalendarFolderId : ContactsFolderId;
}

public enum MeetingMessageKind
{
    Invitation,
    Update,
    Cancellation,
}

/// <summary>A meeting message the service would have e-mailed to attendees. Tests read these to prove the product sends none.</summary>
public sealed record MeetingMessage(DateTimeOffset At, string Mailbox, MeetingMessageKind Kind, string ItemId, string? Subject,
    IReadOnlyList<string> Recipients, string Via);

/// <summary>An EWS account that signs in with Basic auth and may impersonate the listed mailboxes ("*" = all).</summary>
public sealed record ServiceAccount(string Username, string Password, IReadOnlySet<string> Impersonate)
{
    public bool MayImpersonate(string smtp) => Impersonate.Contains("*") || Impersonate.Contains(smtp);
}

/// <summary>An Entra app (client id). A null <see cref="AllowedMailboxes"/> means no application access policy: every mailbox.</summary>
public sealed record AppRegistration(string ClientId, IReadOnlySet<string>? AllowedMailboxes)
{
    public bool MayAccess(string smtp) => AllowedMailboxes is null || AllowedMailboxes.Contains(smtp);
}

/// <summary>Outcome of a write; <see cref="Item"/> is the new version when <see cref="Status"/> is Ok.</summary>
public enum WriteStatus
{
    Ok,
    NotFound,
    Conflict,
}

public readonly record struct WriteResult<T>(WriteStatus Status, T? Item)
    where T : MailboxItem;

public enum ChangeKind
{
    Create,
    Update,
    Delete,
}

public sealed record ItemChange(ChangeKind Kind, MailboxItem Item);

/// <summary>One page of a folder's changes after a sequence number; <see cref="NextSeq"/> is the state to resume from.</summary>
public sealed record ChangePage(IReadOnlyList<ItemChange> Changes, long NextSeq, bool MoreAvailable);
