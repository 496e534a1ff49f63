using OutlookCrm.Emulators.Salesforce.Schema;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce;

/// <summary>The emulated org's state: schema, records, clock, API allowance. Thread-safe.</summary>
public sealed class SalesforceOrg
{
    public const string OrgId = "00D8d000000OcRmEAK";
    private long sequence;
    private long apiRequests;
    private long clockOffsetTicks;

    public SalesforceOrg(ISalesforceStore store) => Store = store;

    public ISalesforceStore Store { get; }

    public SalesforceSchema Schema { get; private set; } = new();

    /// <summary>The SOQL queries run, as parsed (for tests that check hostile input stayed a literal).</summary>
    public Soql.QueryJournal Queries { get; } = new();

    /// <summary>The daily API allowance (<c>DailyApiRequests.Max</c>); calls beyond it answer 403 REQUEST_LIMIT_EXCEEDED.</summary>
    public long DailyApiMax { get; set; } = 100_000;

    public long ApiRequestsUsed => Interlocked.Read(ref apiRequests);

    /// <summary>Now, with the test-controlled offset; truncated to milliseconds as Salesforce stores it.</summary>
    public DateTime Now
    {
        get
        {
            var now = DateTime.UtcNow.AddTicks(Interlocked.Read(ref clockOffsetTicks));
            return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        }
    }

    /// <summary>When the org began: <c>/deleted/</c> cannot report before it.</summary>
    public DateTime CreatedAt { get; private set; } = DateTime.UtcNow;

    public void AdvanceClock(TimeSpan by) => Interlocked.Add(ref clockOffsetTicks, by.Ticks);

    public string NewId(ObjectDef type) => SalesforceIds.Create(type.KeyPrefix, Interlocked.Increment(ref sequence));

    /// <summary>Counts one API call; false once the allowance is spent.</summary>
    public bool TryConsumeApiRequest()
    {
        var used = Interlocked.Increment(ref apiRequests);
        if (used <= DailyApiMax)
        {
            return true;
        }

        Interlocked.Decrement(ref apiRequests);
        return false;
    }

    public void ResetApiUsage() => Interlocked.Exchange(ref apiRequests, 0);

    public void Reset(bool withExternalIdFields = true)
    {
        Store.Clear();
        Queries.Clear();
        Schema = new SalesforceSchema(withExternalIdFields);
        Interlocked.Exchange(ref apiRequests, 0);
        Interlocked.Exchange(ref clockOffsetTicks, 0);
        CreatedAt = DateTime.UtcNow;
        DailyApiMax = 100_000;
    }
}
