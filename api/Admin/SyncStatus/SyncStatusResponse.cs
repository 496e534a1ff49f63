namespace OutlookCrm.Api.Admin.SyncStatus;

/// <summary><c>GET /api/admin/sync-status/{mailbox}</c> (CONTRACT.md §3).</summary>
public sealed record SyncStatusResponse(string Mailbox, string? Configuration, ObjectStatus Contacts, ObjectStatus Events);

/// <summary>
/// One object kind: <see cref="State"/> is <c>queued</c>, <c>running</c>, <c>failed</c> (the last run failed) or <c>idle</c>;
/// the counts, <see cref="Errors"/> and <see cref="Losses"/> come from the last finished run; <see cref="Unresolved"/> lists
/// the items parked after repeated failures, which can be retried by id.
/// </summary>
public sealed record ObjectStatus(
    string State, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt, SideCountsResponse Created, SideCountsResponse Updated,
    SideCountsResponse Deleted, int Conflicts, IReadOnlyList<ItemErrorResponse> Errors, IReadOnlyList<UnresolvedItemResponse> Unresolved,
    IReadOnlyList<ItemLossResponse> Losses);

public sealed record SideCountsResponse(int Crm, int Exchange);

public sealed record ItemErrorResponse(string Item, string Code, string Message, string Side);

/// <summary>What the side an item was written to could not hold (an attendee who matches no CRM person, an occurrence it cannot move).</summary>
public sealed record ItemLossResponse(string Item, string Side, string What);

public sealed record UnresolvedItemResponse(long Id, string Item, string Code, string Message, int Attempts, string Side);

public sealed record MailboxResetResponse(int Relations, int Cursors, int ItemErrors);
