using OutlookCrm.Core.Sync.Content;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// An item's people as the CRM side links them: without the mailbox's owner, who is the organizer
/// or an attendee of every meeting in the mailbox and is the event's owner, not one of its relations.
/// </summary>
internal static class PairLinks
{
    public static IReadOnlyList<string> Keys<T>(IContentRules<T> rules, T item, SyncScope scope) where T : class
    {
        var owner = CanonicalHash.Email(scope.Mailbox);
        return rules.LinkKeys(item).Where(k => k != owner).ToList();
    }
}
