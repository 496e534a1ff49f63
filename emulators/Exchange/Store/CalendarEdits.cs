namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>Occurrence-level writes on a recurring master: both fronts and the admin edits use these.</summary>
public static class CalendarEdits
{
    /// <summary>Turns the occurrence that started at <paramref name="originalStartUtc"/> into an exception (or edits the existing one).</summary>
    public static WriteResult<EventItem> EditOccurrence(this IMailboxStore store, Guid mailbox, Guid masterKey, DateTime originalStartUtc,
        Func<OccurrenceException, OccurrenceException> change, string? expectedChangeKey = null)
    {
        if (store.Get(mailbox, masterKey) is not EventItem { IsDeleted: false } master
            || RecurrenceExpander.Occurrence(master, originalStartUtc) is not { } occurrence)
        {
            return new WriteResult<EventItem>(WriteStatus.NotFound, null);
        }

        var current = occurrence.Exception ?? new OccurrenceException
        {
            OriginalStartUtc = originalStartUtc,
            StartUtc = occurrence.StartUtc,
            EndUtc = occurrence.EndUtc,
        };
        var occurrenceKey = current.ChangeKey == "" ? master.ChangeKey : current.ChangeKey;
        if (expectedChangeKey is not null && expectedChangeKey != occurrenceKey)
        {
            return new WriteResult<EventItem>(WriteStatus.Conflict, master);
        }

        var edited = change(current) with
        {
            OriginalStartUtc = originalStartUtc,
            ChangeKey = store.NewChangeKey(),
            LastModifiedAt = DateTimeOffset.UtcNow,
        };
        return store.Update<EventItem>(mailbox, masterKey, m => m with { Exceptions = m.Exceptions.SetItem(originalStartUtc, edited) });
    }

    public static WriteResult<EventItem> MoveOccurrence(this IMailboxStore store, Guid mailbox, Guid masterKey, DateTime originalStartUtc,
        DateTime newStartUtc, DateTime newEndUtc) =>
        store.EditOccurrence(mailbox, masterKey, originalStartUtc, o => o with { StartUtc = newStartUtc, EndUtc = newEndUtc });

    /// <summary>Deletes one occurrence (a DeletedOccurrence in EWS, an <c>@removed</c> instance in Graph).</summary>
    public static WriteResult<EventItem> CancelOccurrence(this IMailboxStore store, Guid mailbox, Guid masterKey, DateTime originalStartUtc,
        string? expectedChangeKey = null) =>
        store.EditOccurrence(mailbox, masterKey, originalStartUtc, o => o with { Cancelled = true }, expectedChangeKey);

    /// <summary>The change key an occurrence shows: its exception's own, else the master's.</summary>
    public static string OccurrenceChangeKey(EventItem master, OccurrenceException? exception) =>
        exception is { ChangeKey.Length: > 0 } ? exception.ChangeKey : master.ChangeKey;
}
