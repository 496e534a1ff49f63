using System.Collections.Concurrent;

namespace OutlookCrm.Emulators.Common.Admin;

/// <summary>Every request an emulator served, with its operation name, so tests and benchmarks count remote calls.</summary>
public sealed class RequestJournal
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentQueue<JournalEntry> entries = new();
    private readonly ConcurrentDictionary<string, long> counts = new();

    public void Record(JournalEntry entry)
    {
        counts.AddOrUpdate(entry.Operation, 1, (_, n) => n + 1);
        entries.Enqueue(entry);
        while (entries.Count > MaxEntries && entries.TryDequeue(out _))
        {
        }
    }

    public long Count(string operation) => counts.TryGetValue(operation, out var n) ? n : 0;

    public long Total => counts.Values.Sum();

    public IReadOnlyDictionary<string, long> ByOperation => counts.ToDictionary(kv => kv.Key, kv => kv.Value);

    public IReadOnlyList<JournalEntry> Entries => entries.ToArray();

    public void Clear()
    {
        entries.Clear();
        counts.Clear();
    }
}

/// <summary>One served request. <see cref="Key"/> is the throttling key (mailbox, org) the emulator assigned.</summary>
public sealed record JournalEntry(DateTimeOffset At, string Method, string Path, string Operation, string Key, int Status, bool Faulted);
