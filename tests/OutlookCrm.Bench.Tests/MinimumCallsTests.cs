using OutlookCrm.Bench;

namespace OutlookCrm.Bench.Tests;

public sealed class MinimumCallsTests
{
    private static SyncWork Initial(int n) => new(
        CrmContactsRead: n / 2, CrmEventsRead: 0, ExchangeContactsRead: n - n / 2, ExchangeEventsRead: n,
        CrmContactWrites: n - n / 2, CrmEventWrites: n, ExchangeContactWrites: n / 2, ExchangeEventWrites: 0, FirstRun: true);

    [Theory]
    [InlineData(0, 0, 200)]
    [InlineData(1, 1, 200)]
    [InlineData(200, 1, 200)]
    [InlineData(201, 2, 200)]
    [InlineData(10_000, 5, 2_000)]
    public void CeilDiv_rounds_up_and_is_zero_for_nothing(long n, long expected, int size) =>
        Assert.Equal(expected, MinimumCalls.CeilDiv(n, size));

    [Fact]
    public void Salesforce_initial_sync_of_10000_contacts_and_events()
    {
        // token 1 + user 1 + contacts read ceil(5000/2000)=3 + events read max(1, 0)=1
        // + contact writes ceil(5000/200)=25 + event writes ceil(10000/200)=50
        Assert.Equal(81, MinimumCalls.Salesforce(Initial(10_000)));
    }

    [Fact]
    public void Ews_initial_sync_of_10000_contacts_and_events()
    {
        // contacts: SyncFolderItems ceil(5000/512)=10 + GetItem 10; events: 20 + 20; CreateItem ceil(5000/100)=50
        Assert.Equal(110, MinimumCalls.Exchange(Backend.Ews, Initial(10_000)));
    }

    [Fact]
    public void Graph_initial_sync_of_10000_contacts_and_events()
    {
        // token 1 + contacts delta ceil(5000/200)=25 + events delta 50 + $batch ceil(5000/20)=250
        Assert.Equal(326, MinimumCalls.Exchange(Backend.Graph, Initial(10_000)));
        Assert.Equal(81 + 326, MinimumCalls.For(Backend.Graph, Initial(10_000)));
    }

    [Fact]
    public void A_run_with_nothing_changed_needs_the_user_and_one_empty_change_read_per_folder_and_kind()
    {
        var nothing = new SyncWork(0, 0, 0, 0, 0, 0, 0, 0, FirstRun: false);

        // Salesforce: user 1 + updated and deleted for Contact and Event 4; no token (reused)
        Assert.Equal(5, MinimumCalls.Salesforce(nothing));
        Assert.Equal(2, MinimumCalls.Exchange(Backend.Graph, nothing));
        Assert.Equal(2, MinimumCalls.Exchange(Backend.Ews, nothing));
    }

    [Fact]
    public void Incremental_minimum_grows_with_the_changes_not_with_the_mailbox()
    {
        var fewChanges = new SyncWork(50, 0, 50, 100, 50, 100, 50, 0, FirstRun: false);

        // Salesforce: user 1 + 4 change feeds + bodies ceil(50/2000)=1 + writes ceil(50/200)=1 + ceil(100/200)=1
        Assert.Equal(8, MinimumCalls.Salesforce(fewChanges));
        // EWS: contacts 1 sync + 1 GetItem, events 1 + 1, writes ceil(50/100)=1
        Assert.Equal(5, MinimumCalls.Exchange(Backend.Ews, fewChanges));
        // Graph: contacts delta 1, events delta 1, $batch ceil(50/20)=3
        Assert.Equal(5, MinimumCalls.Exchange(Backend.Graph, fewChanges));
    }
}
