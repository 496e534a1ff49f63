namespace OutlookCrm.Core.Sync.Content;

/// <summary>
/// What the engine needs to know about one object kind's content, whichever side it came from:
/// a hash of the mapped fields (echo suppression, "changed a mapped field?"), why an item takes no
/// part, the keys that match a new item to one on the other side, and how a write is built.
/// </summary>
public interface IContentRules<T> where T : class
{
    /// <summary>Hash of the canonical projection: only fields both sides represent, normalised the same way.</summary>
    string Hash(T item);

    /// <summary>Why this item is left out ("private", "out of window", "no email"), or null.</summary>
    string? SkipReason(T item, DateTimeOffset now);

    /// <summary>Keys in order of strength; a new item pairs with a new item on the other side sharing the strongest key.</summary>
    IReadOnlyList<string> MatchKeys(T item);

    /// <summary>
    /// The body to write on the target: the source's mapped fields over what the target already has
    /// (null when creating), stamped with the source's id as the partner id.
    /// </summary>
    T ForWrite(T source, string sourceId, T? target);

    /// <summary>
    /// <paramref name="item"/> with the fields its side does not hold for it (unknown there, not empty)
    /// taken from <paramref name="other"/>, the same item as the other side has it.
    /// </summary>
    T Complete(T item, T other);

    /// <summary>Whether <paramref name="item"/>'s side does not hold some mapped field for it (see <see cref="Complete"/>).</summary>
    bool IsPartial(T item);

    /// <summary>
    /// The people an item names that the CRM keeps as links rather than content (event organizer and
    /// attendees become EventRelations), as normalised, sorted email addresses; empty when none.
    /// Not part of <see cref="Hash"/>: the CRM cannot give them back, so they would never compare equal.
    /// </summary>
    IReadOnlyList<string> LinkKeys(T item);
}
