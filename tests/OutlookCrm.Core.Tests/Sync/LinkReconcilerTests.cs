using OutlookCrm.Core.Sync.Links;

namespace OutlookCrm.Core.Tests.Sync;

public sealed class LinkReconcilerTests
{
    [Fact]
    public void Adds_what_is_wanted_and_missing_and_removes_only_its_own_links_that_are_no_longer_wanted()
    {
        var plan = LinkReconciler.Reconcile(wanted: ["003A", "003B"], existing: ["003B", "003C", "003D"], owned: ["003B", "003C", "003E"]);

        Assert.Equal(["003A"], plan.Add);
        Assert.Equal(["003C"], plan.Remove); // 003D was made by someone else; 003E is already gone
    }

    [Fact]
    public void Owns_what_it_kept_and_added_and_what_it_failed_to_remove_but_not_what_it_found()
    {
        var owned = LinkReconciler.OwnedAfter(wanted: ["003A", "003B", "003F"], owned: ["003B", "003C"], added: ["003A"], notRemoved: ["003C"]);

        Assert.Equal(["003A", "003B", "003C"], owned); // 003F existed already: not the sync's
    }

    [Fact]
    public void The_stored_state_round_trips_and_none_is_null()
    {
        Assert.Null(LinkReconciler.Format([]));
        Assert.Equal("003A,00QB", LinkReconciler.Format(["00QB", "003A"]));
        Assert.Equal(["003A", "00QB"], LinkReconciler.Parse("003A,00QB"));
        Assert.Empty(LinkReconciler.Parse(null));
    }
}
