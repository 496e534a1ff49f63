namespace OutlookCrm.TestSupport;

/// <summary>Real time plus an offset tests can move forward (timers stay real), to let minute-grained change windows pass.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Offset += by;
}
