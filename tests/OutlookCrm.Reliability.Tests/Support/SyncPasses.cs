using OutlookCrm.Core.Sync;

namespace OutlookCrm.Reliability.Tests.Support;

/// <summary>
/// Runs a mailbox's sync the way the worker's loop does until a run ends without any item error: a
/// failed run is noted and run again — after the wait a throttled remote system asked for, never
/// sooner — up to a bound, so the test proves the sync converges rather than assuming it.
/// </summary>
public static class SyncPasses
{
    /// <summary>The passes it took (one line each); fails the test when no clean run came within <paramref name="maxPasses"/>.</summary>
    public static async Task<IReadOnlyList<string>> UntilCleanAsync(ReliabilityWorld world, int maxPasses)
    {
        var log = new List<string>();
        for (var pass = 1; pass <= maxPasses; pass++)
        {
            try
            {
                var report = await world.SyncAsync();
                var errors = report.Contacts.Errors.Concat(report.Events.Errors).ToList();
                if (errors.Count == 0 && report.Contacts.Unresolved + report.Events.Unresolved == 0)
                {
                    log.Add($"pass {pass}: clean");
                    return log;
                }

                log.Add($"pass {pass}: {errors.Count} item errors ({string.Join(", ", errors.Select(e => e.Code).Distinct())}), "
                    + $"{report.Contacts.Unresolved + report.Events.Unresolved} unresolved");
            }
            catch (SyncDeferredException deferred)
            {
                log.Add($"pass {pass}: deferred, {deferred.Code} (wait {deferred.RetryAfter?.TotalMilliseconds ?? 0} ms)");
                if (deferred.RetryAfter is { } wait)
                {
                    await Task.Delay(wait);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // What MailboxSyncJob records as the run's error; the loop runs the mailbox again later.
                log.Add($"pass {pass}: failed, {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.Fail($"No clean run within {maxPasses} passes: {string.Join(" / ", log)}");
        return log;
    }
}
