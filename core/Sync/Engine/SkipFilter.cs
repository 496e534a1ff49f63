using OutlookCrm.Core.Sync.Content;

namespace OutlookCrm.Core.Sync.Engine;

/// <summary>
/// Leaves out what takes no part (private events, events out of the window, contacts without an
/// email). A new item is dropped; a change to a related item is ignored (its partner stays as it was).
/// </summary>
internal static class SkipFilter
{
    public static List<Pair<T>> Apply<T>(List<Pair<T>> pairs, IContentRules<T> rules, DateTimeOffset now, ObjectSyncReport report) where T : class
    {
        var kept = new List<Pair<T>>(pairs.Count);
        foreach (var pair in pairs)
        {
            if (pair.Relation is null && (pair.CrmDeleted || pair.ExchangeDeleted))
            {
                continue; // a new item that is already gone again
            }

            var skipped = false;
            foreach (var side in new[] { Side.Crm, Side.Exchange })
            {
                if (pair.BodyOn(side) is not { } body || rules.SkipReason(body, now) is not { } reason)
                {
                    continue;
                }

                report.Skip(reason);
                skipped = true;
                if (pair.Relation is not null)
                {
                    Ignore(pair, side);
                }
            }

            if (!skipped || (pair.Relation is not null && (pair.CrmTouched || pair.ExchangeTouched)))
            {
                kept.Add(pair);
            }
        }

        return kept;
    }

    private static void Ignore<T>(Pair<T> pair, Side side) where T : class
    {
        if (side == Side.Crm)
        {
            pair.CrmTouched = false;
            pair.CrmBody = null;
            pair.CrmVersion = pair.Relation!.CrmVersion;
        }
        else
        {
            pair.ExchangeTouched = false;
            pair.ExchangeBody = null;
            pair.ExchangeVersion = pair.Relation!.ExchangeVersion;
        }
    }
}
