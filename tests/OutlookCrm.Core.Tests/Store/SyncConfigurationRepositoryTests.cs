using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Store;

public sealed class SyncConfigurationRepositoryTests
{
    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    private static SyncConfiguration Sales(bool active = true, params string[] users) => new(
        "sales", active, users.Length == 0 ? ["Alice@Contoso.com"] : users,
        new ContactSyncOptions(SyncDirection.Both, ConflictWinner.Crm, true),
        new EventSyncOptions(SyncDirection.CrmToExchange, ConflictWinner.Exchange, new DateOnly(2026, 1, 1), false, true),
        new FieldMappings([new FieldMapping("Title", "jobTitle")], []));

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_configuration_round_trips_with_lower_cased_mailboxes(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var repository = new SyncConfigurationRepository(context.Database, TimeProvider.System);

        Assert.True(await repository.SaveAsync(Sales(), CancellationToken.None));
        Assert.False(await repository.SaveAsync(Sales(), CancellationToken.None));
        var stored = await repository.FindAsync("sales", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(["alice@contoso.com"], stored.Configuration.Users);
        Assert.Equal(SyncDirection.CrmToExchange, stored.Configuration.Events.Direction);
        Assert.Equal(new DateOnly(2026, 1, 1), stored.Configuration.Events.SyncFrom);
        Assert.Equal("jobTitle", Assert.Single(stored.Configuration.FieldMappings.Contacts).Exchange);
        Assert.True(stored.Configuration.Active);
        Assert.Equal("sales", (await repository.FindActiveForMailboxAsync("ALICE@contoso.com", CancellationToken.None))?.Name);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_active_configurations_own_mailboxes(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var repository = new SyncConfigurationRepository(context.Database, TimeProvider.System);
        await repository.SaveAsync(Sales(true, "alice@contoso.com", "bob@contoso.com"), CancellationToken.None);
        await repository.SaveAsync(Sales(false, "carol@contoso.com") with { Name = "archive" }, CancellationToken.None);

        var owners = await repository.FindActiveOwnersAsync(["BOB@contoso.com", "carol@contoso.com"], "support", CancellationToken.None);
        var ownSelf = await repository.FindActiveOwnersAsync(["bob@contoso.com"], "sales", CancellationToken.None);
        var active = await repository.ListActiveMailboxesAsync(CancellationToken.None);

        Assert.Equal([new MailboxOwner("bob@contoso.com", "sales")], owners);
        Assert.Empty(ownSelf);
        Assert.Equal(["alice@contoso.com", "bob@contoso.com"], active.Select(o => o.Mailbox));
        Assert.Null(await repository.FindActiveForMailboxAsync("carol@contoso.com", CancellationToken.None));
        Assert.False((await repository.FindAsync("archive", CancellationToken.None))!.Configuration.Active);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Delete_removes_the_configuration_and_its_mailboxes(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var repository = new SyncConfigurationRepository(context.Database, TimeProvider.System);
        await repository.SaveAsync(Sales(), CancellationToken.None);

        Assert.True(await repository.DeleteAsync("sales", CancellationToken.None));
        Assert.False(await repository.DeleteAsync("sales", CancellationToken.None));
        Assert.Empty(await repository.ListAsync(CancellationToken.None));
        Assert.Empty(await repository.ListActiveMailboxesAsync(CancellationToken.None));
    }
}
