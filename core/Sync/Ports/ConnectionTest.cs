namespace OutlookCrm.Core.Sync.Ports;

/// <summary>
/// A step-by-step connection test (CONTRACT.md §3): steps run in order; after a failed step the
/// later ones are reported <c>ok:false</c> without being called. <see cref="TestStep.Code"/> is the
/// remote system's own code and <see cref="TestStep.Hint"/> what an admin can do about it.
/// </summary>
public sealed record ConnectionTestResult(bool Ok, IReadOnlyList<TestStep> Steps, long ElapsedMs)
{
    /// <summary>Extra facts a test found (Salesforce API limits, missing external-id fields).</summary>
    public IReadOnlyDictionary<string, object?> Details { get; init; } = new Dictionary<string, object?>();
}

public sealed record TestStep(string Name, bool Ok, string? Code = null, string? Message = null, string? Hint = null, long? ElapsedMs = null);
