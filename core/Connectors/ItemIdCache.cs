using System.Collections.Concurrent;

namespace OutlookCrm.Core.Connectors;

/// <summary>
/// The sync ids already learned for add-in item ids, per mailbox (case-insensitive): an item's id
/// and its series never change while it stays in its mailbox. At most <see cref="MaxCached"/>
/// answers; a full cache starts over.
/// </summary>
internal sealed class ItemIdCache
{
    public const int MaxCached = 10_000;
    private readonly ConcurrentDictionary<(string Mailbox, string Id), OutlookSyncId> answers = new();

    public async Task<OutlookSyncId> GetOrLearnAsync(string mailbox, string id, Func<Task<OutlookSyncId>> learn)
    {
        var key = (mailbox.ToLowerInvariant(), id);
        if (answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var learned = await learn();
        if (answers.Count >= MaxCached)
        {
            answers.Clear();
        }

        answers[key] = learned;
        return learned;
    }
}
