using OutlookCrm.Emulators.Common.Admin;

namespace OutlookCrm.Emulators.Tests.Common;

public sealed class ThrottleRecordTests
{
    private const string Alice = "alice@contoso.com";

    [Fact]
    public void A_call_already_on_its_way_when_the_wait_was_asked_is_not_an_early_retry_but_a_later_one_is()
    {
        var record = new ThrottleRecord();
        var asked = DateTimeOffset.UtcNow;
        record.AskedToWait(Alice, asked.AddSeconds(1));

        record.Check(Alice, "graph.batch", asked);                                          // a parallel batch arriving with the 429
        record.Check(Alice, "graph.batch", asked + ThrottleRecord.InFlight * 3);             // sent after the answer: early
        record.Check("bob@contoso.com", "graph.batch", asked + ThrottleRecord.InFlight * 3); // another mailbox was not asked to wait
        record.Check(Alice, "graph.batch", asked.AddSeconds(2));                             // after the wait

        var early = Assert.Single(record.Violations);
        Assert.Equal((Alice, asked + ThrottleRecord.InFlight * 3), (early.Key, early.At));
    }

    [Fact]
    public void A_second_wait_asked_during_the_first_extends_it_without_a_new_allowance()
    {
        var record = new ThrottleRecord();
        var asked = DateTimeOffset.UtcNow;
        record.AskedToWait(Alice, asked.AddSeconds(1));
        record.AskedToWait(Alice, asked.AddSeconds(5));

        record.Check(Alice, "ews.GetItem", asked.AddSeconds(3));

        Assert.Equal(asked.AddSeconds(5), Assert.Single(record.Violations).NotBefore);
    }
}
