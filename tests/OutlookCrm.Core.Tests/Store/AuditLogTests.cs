using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Store;

public sealed class AuditLogTests
{
    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Entries_page_newest_first(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var log = new AuditLog(context.Database, TimeProvider.System);
        for (var i = 1; i <= 5; i++)
        {
            await log.AppendAsync("admin@contoso.com", "put", $"sync-configurations/c{i}", null, $$"""{"n":{{i}}}""", CancellationToken.None);
        }

        var first = await log.ListAsync(2, null, CancellationToken.None);
        var second = await log.ListAsync(2, first[^1].Id, CancellationToken.None);

        Assert.Equal(["sync-configurations/c5", "sync-configurations/c4"], first.Select(e => e.Target));
        Assert.Equal(["sync-configurations/c3", "sync-configurations/c2"], second.Select(e => e.Target));
        Assert.Equal("""{"n":5}""", first[0].AfterJson);
    }
}
