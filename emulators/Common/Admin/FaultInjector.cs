namespace OutlookCrm.Emulators.Common.Admin;

/// <summary>Holds the fault rules and hands out the one that applies to a call, consuming it.</summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private readonly List<FaultRule> rules = [];
    private Random random = new(42);

    public void Add(IEnumerable<FaultRule> added)
    {
        lock (gate) { rules.AddRange(added); }
    }

    public void Clear(int seed = 42)
    {
        lock (gate)
        {
            rules.Clear();
            random = new Random(seed);
        }
    }

    public int Pending
    {
        get { lock (gate) { return rules.Sum(r => r.Probability is null ? r.Count : 1); } }
    }

    public FaultRule? Take(string operation, string path)
    {
        lock (gate)
        {
            foreach (var rule in rules)
            {
                if (!rule.Matches(operation, path))
                {
                    continue;
                }

                if (rule.Probability is { } p)
                {
                    if (random.NextDouble() < p)
                    {
                        return rule;
                    }

                    continue;
                }

                if (--rule.Count <= 0)
                {
                    rules.Remove(rule);
                }

                return rule;
            }

            return null;
        }
    }
}
