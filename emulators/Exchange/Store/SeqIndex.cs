namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>Items of a folder ordered by their last change sequence number (each item appears once).</summary>
internal sealed class SeqIndex
{
    private readonly SortedSet<long> order = [];
    private readonly Dictionary<long, Guid> keys = [];

    public Guid this[long seq]
    {
        get => keys[seq];
        set
        {
            order.Add(seq);
            keys[seq] = value;
        }
    }

    public void Remove(long seq)
    {
        order.Remove(seq);
        keys.Remove(seq);
    }

    public IEnumerable<long> After(long seq) =>
        order.Count == 0 || seq >= order.Max ? [] : order.GetViewBetween(seq + 1, order.Max);
}
