using OutlookCrm.Bench.ScaleOut;
using OutlookCrm.Emulators.Common.Admin;

namespace OutlookCrm.Bench.Tests;

/// <summary>The checks the scale-out scenario makes on the product's run records catch what they are there to catch.</summary>
public sealed class RunRecordsTests
{
    private static RecordedRun Run(string mailbox, string worker, long start, long? finish) =>
        new(mailbox, worker, finish is null ? "running" : "succeeded", start, finish, null, null);

    [Fact]
    public void Two_runs_of_one_mailbox_that_share_a_moment_are_an_overlap_and_runs_of_different_mailboxes_are_not()
    {
        IReadOnlyList<RecordedRun> runs =
        [
            Run("a@contoso.com", "w1", 100, 200),
            Run("a@contoso.com", "w2", 150, 300),   // overlaps the first: two workers on one mailbox
            Run("a@contoso.com", "w1", 301, 400),   // after both: fine
            Run("b@contoso.com", "w2", 100, 400),   // another mailbox at the same time: fine
            Run("c@contoso.com", "w1", 500, null),  // still running at "now"
            Run("c@contoso.com", "w2", 900, 950),   // started while the other was still running
        ];

        Assert.Equal(2, RunRecords.OverlappingPairs(runs, nowMs: 1_000));
        Assert.Equal(0, RunRecords.OverlappingPairs(runs.Where(r => r.WorkerId == "w1").ToList(), nowMs: 1_000));
        Assert.Equal(3, RunRecords.PeakConcurrentRuns(runs, nowMs: 1_000));   // a, a and b at 150–200
    }

    [Fact]
    public void An_exchange_request_for_a_mailbox_outside_its_runs_is_counted_and_other_keys_are_not()
    {
        IReadOnlyList<RecordedRun> runs = [Run("a@contoso.com", "w1", 1_000, 2_000)];
        JournalEntry Request(string key, long at) => new(DateTimeOffset.FromUnixTimeMilliseconds(at), "GET", "/v1.0/users/x/contacts/delta", "graph.contacts.delta", key, 200, false);

        var outside = RunRecords.RequestsOutsideRuns(runs,
            [Request("a@contoso.com", 1_500), Request("A@contoso.com", 2_000), Request("a@contoso.com", 2_500), Request("graph", 2_500), Request("b@contoso.com", 2_500)],
            nowMs: 3_000);

        Assert.Equal(1, outside); // a at 2,500; "graph" (no mailbox) and b (no runs: not tracked) are not judged
    }
}
