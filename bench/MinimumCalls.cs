namespace OutlookCrm.Bench;

/// <summary>
/// What one sync run has to move, per object kind, as the protocols see it: items each side must
/// hand over (reads) and items each side must receive (writes). Derived from the scenario's seed
/// and edits, never from what the product did.
/// </summary>
public sealed record SyncWork(
    int CrmContactsRead, int CrmEventsRead,
    int ExchangeContactsRead, int ExchangeEventsRead,
    int CrmContactWrites, int CrmEventWrites,
    int ExchangeContactWrites, int ExchangeEventWrites,
    bool FirstRun);

/// <summary>
/// The fewest remote calls the protocols allow for a <see cref="SyncWork"/> — the denominator of
/// <c>ratio</c>. Limits (PROTOCOL-NOTES.md and the vendors' documentation):
/// <list type="bullet">
/// <item>Tokens: one Salesforce and one Entra (Graph) token on a process's first run; later runs
/// reuse them (they live an hour or more).</item>
/// <item>Salesforce: one SOQL query for the mailbox's CRM user; reading a
/// kind is one query per 2,000 records (at least one call even when empty, or one <c>updated</c> +
/// one <c>deleted</c> call per kind on an incremental run, plus one query per 2,000 changed ids);
/// writes go in sObject Collections of ≤ 200 records.</item>
/// <item>EWS: Basic auth, no token; reading a folder is one <c>SyncFolderItems</c> per 512 changes
/// (at least one) plus one <c>GetItem</c> per 512 items (one per sync page: GetItem takes as many ids
/// as a page holds); writes in batches of ≤ 100 items per Create/Update/DeleteItem.</item>
/// <item>Graph: one app-only token per run; reading a folder is one delta page per 200 items (the
/// cap Graph applies to contacts and events; at least one); writes in <c>$batch</c> requests of
/// ≤ 20.</item>
/// </list>
/// Partner-id stamps the product may write back are not required by the protocols (the pairing can
/// live in the product's own store), so they are not in the minimum: they show up in the ratio.
/// </summary>
public static class MinimumCalls
{
    public const int SalesforceCollection = 200;
    public const int SalesforceQueryPage = 2_000;
    public const int EwsSyncPage = 512;
    public const int EwsGetItemBatch = 512;
    public const int EwsWriteBatch = 100;
    public const int GraphBatch = 20;
    public const int GraphDeltaPage = 200;

    public static long CeilDiv(long n, int size) => n <= 0 ? 0 : (n + size - 1) / size;

    private static long AtLeastOne(long n, int size) => Math.Max(1, CeilDiv(n, size));

    public static long For(Backend backend, SyncWork w) => Salesforce(w) + Exchange(backend, w);

    /// <summary>The tokens in a first run's minimum (Salesforce; and Entra for Graph): a process's later runs reuse them.</summary>
    public static long TokenCalls(Backend backend) => backend == Backend.Graph ? 2 : 1;

    public static long Salesforce(SyncWork w)
    {
        long calls = (w.FirstRun ? 1 /* token */ : 0) + 1 /* user by e-mail */;
        calls += w.FirstRun
            ? AtLeastOne(w.CrmContactsRead, SalesforceQueryPage) + AtLeastOne(w.CrmEventsRead, SalesforceQueryPage)
            : 2 + CeilDiv(w.CrmContactsRead, SalesforceQueryPage) + 2 + CeilDiv(w.CrmEventsRead, SalesforceQueryPage);
        calls += CeilDiv(w.CrmContactWrites, SalesforceCollection) + CeilDiv(w.CrmEventWrites, SalesforceCollection);
        return calls;
    }

    public static long Exchange(Backend backend, SyncWork w) => backend switch
    {
        Backend.Ews => EwsFolder(w.ExchangeContactsRead) + EwsFolder(w.ExchangeEventsRead)
            + CeilDiv(w.ExchangeContactWrites, EwsWriteBatch) + CeilDiv(w.ExchangeEventWrites, EwsWriteBatch),
        _ => (w.FirstRun ? 1 /* token */ : 0) + AtLeastOne(w.ExchangeContactsRead, GraphDeltaPage) + AtLeastOne(w.ExchangeEventsRead, GraphDeltaPage)
            + CeilDiv(w.ExchangeContactWrites, GraphBatch) + CeilDiv(w.ExchangeEventWrites, GraphBatch),
    };

    private static long EwsFolder(long items) => AtLeastOne(items, EwsSyncPage) + CeilDiv(items, EwsGetItemBatch);
}
