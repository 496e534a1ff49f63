using System.Text.Json.Serialization;

namespace OutlookCrm.Emulators.Common.Admin;

/// <summary>
/// "The next <see cref="Count"/> calls matching <see cref="Operation"/> (or <see cref="PathPrefix"/>)
/// fail like this": an HTTP status with the vendor's own error <see cref="Code"/> (rendered by the
/// emulator's error factory), a connection reset, a delay, or a hold. <see cref="RetryAfterSeconds"/> and
/// <see cref="BackOffMilliseconds"/> are also recorded so an early retry is caught.
/// </summary>
public sealed class FaultRule
{
    public string? Operation { get; set; }
    public string? PathPrefix { get; set; }
    public int Count { get; set; } = 1;
    public int Status { get; set; } = 503;
    public string? Code { get; set; }
    public string? Message { get; set; }
    public int? RetryAfterSeconds { get; set; }
    public int? BackOffMilliseconds { get; set; }
    public bool ConnectionReset { get; set; }
    public int DelayMs { get; set; }

    /// <summary>
    /// Fails matching calls at this rate instead of the next <see cref="Count"/>: one in every round(1/p),
    /// at a seeded random place (<see cref="Seed"/>) within each run of that many calls.
    /// </summary>
    public double? Probability { get; set; }

    /// <summary>Seeds this rule's draws (which call of each run fails); the injector's seed when absent.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// The faults a probabilistic rule injects, in turn (a batch member skips kinds it can't carry), each
    /// with its own status, code, Retry-After, reset... The rule's own fields are the one fault when empty.
    /// </summary>
    public List<FaultRule>? Kinds { get; set; }

    /// <summary>Lets this many matching calls through before the rule applies: a rule with <c>skip: k-1</c> meets call k.</summary>
    public int Skip { get; set; }

    /// <summary>
    /// Holds the call instead of failing it, until the client goes away or the faults are cleared:
    /// before the handler runs (<see cref="HoldPoint.Request"/>: the call has no effect while held) or after it,
    /// with the answer kept back (<see cref="HoldPoint.Response"/>: done, but the client does not know).
    /// A test kills its client while the call is held, at a point it chose.
    /// </summary>
    public HoldPoint? Hold { get; set; }

    /// <summary>How the fault is counted in <see cref="FaultInjector.Injected"/>; derived from what it does when absent.</summary>
    public string? Name { get; set; }

    [JsonIgnore]
    internal Random? Draws { get; set; }

    [JsonIgnore]
    internal int NextKind { get; set; }

    [JsonIgnore]
    internal long Seen { get; set; }

    [JsonIgnore]
    internal int FailAt { get; set; }

    /// <summary>The tally name: <see cref="Name"/>, else "hold", "reset", "delay" or "status code".</summary>
    [JsonIgnore]
    public string Label => Name ?? (Hold is not null ? "hold"
        : ConnectionReset ? "connection reset"
        : Status == 0 ? "delay"
        : Code is null ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Status} {Code}");

    /// <summary>A batch member can carry a status, not a reset or a hold of the whole connection.</summary>
    internal bool FitsInsideBatch => Hold is null && !ConnectionReset && Status > 0;

    internal bool Matches(string operation, string path) =>
        (Operation is null || string.Equals(Operation, operation, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase));
}

[JsonConverter(typeof(JsonStringEnumConverter<HoldPoint>))]
public enum HoldPoint
{
    /// <summary>Held as it arrives: the emulator has not acted on it.</summary>
    Request,

    /// <summary>Handled, then its answer held back.</summary>
    Response,
}
