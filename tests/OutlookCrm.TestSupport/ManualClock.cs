namespace OutlookCrm.TestSupport;

/// <summary>A clock tests move by hand (the TimeProvider testing package is not available here).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
