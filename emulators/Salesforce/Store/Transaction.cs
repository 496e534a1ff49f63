namespace OutlookCrm.Emulators.Salesforce.Store;

/// <summary>An undo log for allOrNone: each write remembers what it replaced, rollback puts it back.</summary>
public sealed class Transaction(ISalesforceStore store)
{
    private readonly List<(string Id, SObjectRecord? Before)> undo = [];

    public void Remember(string id, SObjectRecord? before) => undo.Add((id, before));

    /// <summary>Takes over a nested transaction's undo entries, so an outer rollback undoes them too.</summary>
    public void Adopt(Transaction inner)
    {
        undo.AddRange(inner.undo);
        inner.undo.Clear();
    }

    public void Rollback()
    {
        for (var i = undo.Count - 1; i >= 0; i--)
        {
            var (id, before) = undo[i];
            if (before is null)
            {
                store.Remove(id);
            }
            else
            {
                store.Put(before);
            }
        }

        undo.Clear();
    }
}
