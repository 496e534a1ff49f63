using Dapper;
using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Core.Tests.Store;

public sealed class ConnectionRepositoryTests
{
    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Secrets_are_stored_only_as_ciphertext_and_read_back(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var repository = new ConnectionRepository(context.Database, context.Protector, TimeProvider.System);
        const string secret = "s3cr3t-Pa55word!";

        await repository.SaveAsync("crm", """{"type":"salesforce"}""", new Dictionary<string, string> { ["password"] = secret }, "admin@contoso.com", CancellationToken.None);

        await using (var connection = await context.Database.OpenAsync(CancellationToken.None))
        {
            var raw = await connection.QuerySingleAsync<string>("SELECT settings_json || secrets_cipher FROM connections WHERE kind = 'crm'");
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        }

        var stored = await repository.FindAsync("crm", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(secret, stored.Secrets["password"]);
        Assert.Equal("admin@contoso.com", stored.UpdatedBy);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Saving_again_replaces_the_connection(StoreProvider provider)
    {
        await using var context = await StoreTestContext.CreateAsync(provider);
        var repository = new ConnectionRepository(context.Database, context.Protector, TimeProvider.System);
        await repository.SaveAsync("exchange", """{"type":"ews"}""", new Dictionary<string, string> { ["password"] = "one" }, "a", CancellationToken.None);
        await repository.SaveAsync("exchange", """{"type":"graph"}""", new Dictionary<string, string> { ["clientSecret"] = "two" }, "b", CancellationToken.None);

        var stored = await repository.FindAsync("exchange", CancellationToken.None);
        Assert.Equal("""{"type":"graph"}""", stored!.SettingsJson);
        Assert.Equal("two", stored.Secrets["clientSecret"]);
        Assert.False(stored.Secrets.ContainsKey("password"));
        Assert.Null(await repository.FindAsync("crm", CancellationToken.None));
    }
}
