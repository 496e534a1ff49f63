namespace OutlookCrm.Emulators.Common.Admin;

/// <summary>The WireMock-style admin state of one emulator: journal, faults, latency, throttling record.</summary>
public sealed class EmulatorAdmin
{
    public RequestJournal Journal { get; } = new();

    /// <summary>Requests that arrived inside a batch (Graph <c>$batch</c>), by their own operation; the batch itself is one entry in <see cref="Journal"/>.</summary>
    public RequestJournal BatchMembers { get; } = new();
    public FaultInjector Faults { get; } = new();
    public ThrottleRecord Throttling { get; } = new();

    /// <summary>Added to every call, to model a remote service's round-trip time in benchmarks.</summary>
    public TimeSpan Latency { get; set; }

    public void Reset()
    {
        Journal.Clear();
        BatchMembers.Clear();
        Faults.Clear();
        Throttling.Clear();
        Latency = TimeSpan.Zero;
    }
}
