namespace OutlookCrm.Emulators.Common.Admin;

/// <summary>
/// Holds the fault rules and hands out the fault that applies to a call (consuming counted rules,
/// drawing for probabilistic ones), counts what it injected by kind, and keeps held calls until they
/// are released (<see cref="Clear"/>) or their client goes away.
/// </summary>
public sealed class FaultInjector
{
    private readonly object gate = new();
    private readonly List<FaultRule> rules = [];
    private readonly Dictionary<string, long> injected = new(StringComparer.Ordinal);
    private Random random = new(42);
    private CancellationTokenSource release = new();
    private TaskCompletionSource holdStarted = NewSignal();
    private int holding;

    public void Add(IEnumerable<FaultRule> added)
    {
        lock (gate) { rules.AddRange(added); }
    }

    /// <summary>Removes every rule, forgets the tally and lets every held call go on.</summary>
    public void Clear(int seed = 42)
    {
        CancellationTokenSource released;
        lock (gate)
        {
            rules.Clear();
            injected.Clear();
            random = new Random(seed);
            released = release;
            release = new CancellationTokenSource();
            holdStarted = NewSignal();
        }

        released.Cancel();
        released.Dispose();
    }

    public int Pending
    {
        get { lock (gate) { return rules.Sum(r => r.Probability is null ? r.Count : 1); } }
    }

    /// <summary>Faults handed out since the last <see cref="Clear"/>, by <see cref="FaultRule.Label"/>.</summary>
    public IReadOnlyDictionary<string, long> Injected
    {
        get { lock (gate) { return new Dictionary<string, long>(injected, StringComparer.Ordinal); } }
    }

    /// <summary>Calls held right now.</summary>
    public int Holding => Volatile.Read(ref holding);

    /// <summary>
    /// The fault for this call, or null. Inside a batch (<paramref name="insideBatch"/>) only faults a
    /// member can carry apply (a status); holds and resets are for whole calls and don't count members.
    /// </summary>
    public FaultRule? Take(string operation, string path, bool insideBatch = false)
    {
        lock (gate)
        {
            foreach (var rule in rules)
            {
                if (!rule.Matches(operation, path) || (insideBatch && rule.Probability is null && !rule.FitsInsideBatch))
                {
                    continue;
                }

                if (rule.Skip > 0)
                {
                    rule.Skip--;
                    continue;
                }

                if (rule.Probability is { } p)
                {
                    if (Draw(rule, p, insideBatch) is { } kind)
                    {
                        return Count(kind);
                    }

                    continue;
                }

                if (--rule.Count <= 0)
                {
                    rules.Remove(rule);
                }

                return Count(rule);
            }

            return null;
        }
    }

    /// <summary>
    /// Keeps a call waiting until the faults are cleared (true: go on) or its client goes away (false).
    /// </summary>
    public async Task<bool> HoldAsync(CancellationToken clientGone)
    {
        CancellationToken released;
        lock (gate)
        {
            released = release.Token;
            Interlocked.Increment(ref holding);
            holdStarted.TrySetResult();
        }

        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(released, clientGone);
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref holding);
        }

        return !clientGone.IsCancellationRequested;
    }

    /// <summary>Completes when a call is first held after the last <see cref="Clear"/>.</summary>
    public Task WaitForHoldAsync(CancellationToken cancellationToken)
    {
        lock (gate) { return holdStarted.Task.WaitAsync(cancellationToken); }
    }

    /// <summary>
    /// One call in every n = round(1/p) fails, at a seeded random place within each run of n: the rate is
    /// exact and a run of calls meets its share of faults, where independent draws could miss them all.
    /// </summary>
    private FaultRule? Draw(FaultRule rule, double probability, bool insideBatch)
    {
        var draws = rule.Seed is { } seed ? rule.Draws ??= new Random(seed) : random;
        var window = probability <= 0 ? int.MaxValue : Math.Max(1, (int)Math.Round(1 / Math.Min(1, probability)));
        var position = rule.Seen++ % window;
        if (position == 0)
        {
            rule.FailAt = draws.Next(window);
        }

        if (position != rule.FailAt)
        {
            return null;
        }

        // Kinds take turns, so every kind has occurred once as many faults as kinds were injected.
        var kinds = rule.Kinds is { Count: > 0 } list ? list : [rule];
        for (var tried = 0; tried < kinds.Count; tried++)
        {
            var kind = kinds[rule.NextKind++ % kinds.Count];
            if (!insideBatch || kind.FitsInsideBatch)
            {
                return kind;
            }
        }

        return null;
    }

    private FaultRule Count(FaultRule fault)
    {
        injected[fault.Label] = injected.GetValueOrDefault(fault.Label) + 1;
        return fault;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
