using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Exchange.Ews;
using OutlookCrm.Emulators.Exchange.Graph;
using OutlookCrm.Emulators.Salesforce;

namespace OutlookCrm.Reliability.Tests.Faults;

/// <summary>
/// One API call in ten fails (at a seeded random place in each ten), the way each remote system fails:
/// Graph throttles with 429 and <c>Retry-After</c>, EWS answers <c>ErrorServerBusy</c> with
/// <c>BackOffMilliseconds</c>, any of them answers 503 or says the token expired, and any connection can
/// be reset. The kinds of a system take turns. Token endpoints are left alone: their answers are cached.
/// </summary>
public static class FaultPlan
{
    public const double Rate = 0.1;
    public const string Unavailable = "503";
    public const string ExpiredToken = "expired token";
    public const string Reset = "connection reset";

    public static FaultRule For(EmulatorServer remote) => remote switch
    {
        // Salesforce's turn comes first for the kinds every system shares, Exchange's for its own throttling.
        SalesforceEmulator => Rule("/services/data/", 42,
            new FaultRule { Name = ExpiredToken, Status = 401, Code = "INVALID_SESSION_ID", Message = "Session expired or invalid" },
            Connection(),
            new FaultRule { Name = Unavailable, Status = 503 }),
        GraphEmulator => Rule("/v1.0/", 43,
            new FaultRule { Name = "429 with Retry-After", Status = 429, Code = "ApplicationThrottled", RetryAfterSeconds = 1 },
            new FaultRule { Name = Unavailable, Status = 503 },
            new FaultRule { Name = ExpiredToken, Status = 401, Code = "InvalidAuthenticationToken", Message = "Lifetime validation failed, the token is expired." },
            Connection()),
        EwsEmulator => Rule("/EWS/", 44,
            new FaultRule { Name = "ErrorServerBusy", Status = 500, Code = "ErrorServerBusy", BackOffMilliseconds = 500 },
            new FaultRule { Name = Unavailable, Status = 503, Code = "ErrorInternalServerTransientError" },
            new FaultRule { Name = ExpiredToken, Status = 401, Code = "ErrorInvalidToken", Message = "The token has expired." },
            Connection()),
        _ => throw new ArgumentException($"No fault plan for {remote.GetType().Name}.", nameof(remote)),
    };

    /// <summary>The kinds a sync against <paramref name="exchange"/> must meet (at Exchange or at the CRM).</summary>
    public static IEnumerable<string> KindsFor(EmulatorServer exchange) => For(exchange).Kinds!.Select(k => k.Label);

    private static FaultRule Connection() => new() { Name = Reset, ConnectionReset = true };

    private static FaultRule Rule(string pathPrefix, int seed, params FaultRule[] kinds) => new()
    {
        PathPrefix = pathPrefix,
        Probability = Rate,
        Seed = seed,
        Kinds = [.. kinds],
    };
}
