using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Admin;

/// <summary>
/// "A person changed an item in Outlook": edits made straight in the store, with new change keys,
/// visible to EWS sync and Graph delta, and never recorded as meeting messages sent by the product.
/// Ids are Graph or EWS ids (either form).
/// </summary>
public sealed class OutlookUser(IMailboxStore store, MailboxInfo mailbox)
{
    public MailboxInfo Mailbox { get; } = mailbox;

    public string CreateContact(SeedContact contact) =>
        Id(store.Create(Mailbox.Id, Seeder.ToContact(contact)).Key);

    /// <summary>Creates a meeting, a series with its <see cref="SeedEvent.Exceptions"/> applied.</summary>
    public string CreateEvent(SeedEvent e)
    {
        var created = store.Create(Mailbox.Id, Seeder.ToEvent(e, Mailbox));
        Seeder.ApplyExceptions(store, Mailbox.Id, created.Key, e);
        return Id(created.Key);
    }

    public bool EditContact(string id, Func<ContactItem, ContactItem> change) =>
        Parse(id) is { Kind: not ItemIdKind.Occurrence } parsed && store.Update(Mailbox.Id, parsed.Item, change).Status == WriteStatus.Ok;

    public bool EditEvent(string id, Func<EventItem, EventItem> change) =>
        Parse(id) is { Kind: not ItemIdKind.Occurrence } parsed && store.Update(Mailbox.Id, parsed.Item, change).Status == WriteStatus.Ok;

    /// <summary>Deletes an item, or cancels one occurrence when given an occurrence id.</summary>
    public bool Delete(string id) => Parse(id) switch
    {
        { Kind: ItemIdKind.Occurrence } o => store.CancelOccurrence(Mailbox.Id, o.Item, o.OriginalStartUtc).Status == WriteStatus.Ok,
        { } item => store.Delete(Mailbox.Id, item.Item).Status == WriteStatus.Ok,
        null => false,
    };

    public bool MoveOccurrence(string seriesId, DateTime originalStartUtc, DateTime newStartUtc, DateTime newEndUtc) =>
        Parse(seriesId) is { } parsed
        && store.MoveOccurrence(Mailbox.Id, parsed.Item, Utc(originalStartUtc), Utc(newStartUtc), Utc(newEndUtc)).Status == WriteStatus.Ok;

    public bool CancelOccurrence(string seriesId, DateTime originalStartUtc) =>
        Parse(seriesId) is { } parsed && store.CancelOccurrence(Mailbox.Id, parsed.Item, Utc(originalStartUtc)).Status == WriteStatus.Ok;

    /// <summary>
    /// The id Outlook gives the occurrence of series <paramref name="seriesId"/> that starts (or started,
    /// before a move) at <paramref name="originalStartUtc"/>, in Graph form: what Office.js hands the add-in
    /// for an opened occurrence (REST form). Null when the series has no such occurrence.
    /// </summary>
    public string? OccurrenceId(string seriesId, DateTime originalStartUtc) =>
        Parse(seriesId) is { Kind: not ItemIdKind.Occurrence } parsed && store.Get(Mailbox.Id, parsed.Item) is EventItem master
        && RecurrenceExpander.Occurrence(master, Utc(originalStartUtc)) is not null
            ? new ItemId(ItemIdKind.Occurrence, Mailbox.Id, parsed.Item, Utc(originalStartUtc)).ToGraph()
            : null;

    public MailboxItem? Read(string id) => Parse(id) is { } parsed ? store.Get(Mailbox.Id, parsed.Item) : null;

    private ItemId? Parse(string id) => ItemId.TryParse(id, out var parsed) && parsed.Mailbox == Mailbox.Id ? parsed : null;

    private string Id(Guid key) => new ItemId(ItemIdKind.Item, Mailbox.Id, key).ToGraph();

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
