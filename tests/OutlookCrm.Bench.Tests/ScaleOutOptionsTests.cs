using OutlookCrm.Bench.Scenarios;

namespace OutlookCrm.Bench.Tests;

public sealed class ScaleOutOptionsTests
{
    [Fact]
    public void Mailboxes_and_a_list_of_worker_counts_are_read_and_defaulted()
    {
        var given = ScaleOutSettings.From(BenchOptions.Parse(["scale-out", "--mailboxes", "8", "--workers", "1, 3,6", "--items", "40"]));
        var defaults = ScaleOutSettings.From(BenchOptions.Parse(["scale-out"]));

        Assert.Equal((8, 40), (given.Mailboxes, given.Items));
        Assert.Equal([1, 3, 6], given.Workers);
        Assert.Equal((16, 250), (defaults.Mailboxes, defaults.Items));
        Assert.Equal([1, 2, 4], defaults.Workers);
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["scale-out", "--workers", "1,0"]));
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["scale-out", "--mailboxes", "x"]));
    }
}
