namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// Who asks for which addresses in the <c>lookup</c> scenario. Measured lookup n (0 ≤ n &lt; <see cref="Lookups"/>)
/// is made by salesperson n mod <see cref="Users"/> and asks for two CRM contacts, <c>crm{2n}</c> and
/// <c>crm{2n+1}</c>, and one unknown address, <c>nobody{n}</c>: no address is asked for twice, so every
/// measured lookup misses the cache. Warm-up lookups use the contacts after the measured ones and
/// addresses of their own, so they warm the code, not the cache.
/// </summary>
public sealed record LookupPlan(int Lookups, int Users)
{
    public const int KnownPerLookup = 2;
    public const int EmailsPerLookup = KnownPerLookup + 1;

    /// <summary>Cached lookups are cheap: each measured lookup is repeated this often, for steadier percentiles.</summary>
    public const int CachedRounds = 5;

    /// <summary>The CRM holds at least this many contacts (issue 10: lookups over 10,000 CRM contacts).</summary>
    public const int MinCrmContacts = 10_000;

    /// <summary>
    /// One per salesperson (the first lookup of each resolves their CRM user, a call the measured lookups
    /// must not pay), and enough for the JIT to compile the hot path before the measurement.
    /// </summary>
    public int WarmUps => Math.Max(Users, Math.Min(200, Lookups));

    public int CachedLookups => CachedRounds * Lookups;

    public int CrmContacts => Math.Max(MinCrmContacts, KnownPerLookup * (Lookups + WarmUps));

    public static string User(int index) => $"rep{index}@contoso.com";

    public string UserOf(int lookup) => User(lookup % Users);

    public IReadOnlyList<string> Measured(int n) => [Contact(KnownPerLookup * n), Contact((KnownPerLookup * n) + 1), $"nobody{n}@example.org"];

    public IReadOnlyList<string> WarmUp(int n) =>
        [Contact(KnownPerLookup * (Lookups + n)), Contact((KnownPerLookup * (Lookups + n)) + 1), $"warmup{n}@example.org"];

    /// <summary>The addresses <see cref="BenchWorld.SeedCrmContacts"/> gives the CRM's contacts.</summary>
    private static string Contact(int index) => $"crm{index}@example.com";
}
