using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.EndToEnd.Tests;

/// <summary>The Exchange connection test against the emulators: each failure names its step, the remote code and a hint.</summary>
public sealed class ConnectionTestTests
{
    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_configured_mailbox_passes_every_step(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);

        var result = await (await world.Service<Core.Sync.Running.IConnectorSource>().MailboxAsync(CancellationToken.None)).TestAsync(SyncWorld.Mailbox, CancellationToken.None);

        Assert.True(result.Ok, Describe(result));
        Assert.Equal(4, result.Steps.Count);
    }

    [Fact]
    public async Task Ews_impersonation_of_a_mailbox_not_granted_is_ErrorImpersonateUserDenied_with_the_role_hint()
    {
        await using var world = await SyncWorld.StartAsync(Backend.Ews, mailboxes: [SyncWorld.Mailbox]);
        world.Exchange.Seed(new Emulators.Exchange.Admin.SeedDocument { Mailboxes = [new() { Smtp = "ceo@contoso.com" }] });

        var result = await Connector(world).TestAsync("ceo@contoso.com", CancellationToken.None);

        var failed = FirstFailure(result);
        Assert.Equal(("impersonate", "ErrorImpersonateUserDenied"), (failed.Name, failed.Code));
        Assert.Contains("ApplicationImpersonation", failed.Hint, StringComparison.Ordinal);
        Assert.All(result.Steps.SkipWhile(s => s.Ok).Skip(1), s => Assert.False(s.Ok));
    }

    [Fact]
    public async Task Graph_access_to_a_mailbox_outside_the_access_policy_is_ErrorAccessDenied_with_the_policy_hint()
    {
        await using var world = await SyncWorld.StartAsync(Backend.Graph);
        world.Exchange.Seed(new Emulators.Exchange.Admin.SeedDocument { Mailboxes = [new() { Smtp = "ceo@contoso.com" }] });

        var result = await Connector(world).TestAsync("ceo@contoso.com", CancellationToken.None);

        var failed = FirstFailure(result);
        Assert.Equal("ErrorAccessDenied", failed.Code);
        Assert.Contains("access policy", failed.Hint, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_authentication_with_invalid_client()
    {
        await using var world = await SyncWorld.StartAsync(Backend.Graph);
        var json = new JsonObject
        {
            ["type"] = "graph", ["graphUrl"] = world.Exchange.GraphUrl,
            ["auth"] = new JsonObject { ["type"] = "clientCredentials", ["authority"] = world.Entra.BaseUrl, ["tenantId"] = Emulators.Entra.EntraEmulator.DefaultTenantId, ["clientId"] = SyncWorld.GraphApp, ["clientSecret"] = "wrong" },
        };

        var result = await world.Service<ExchangeConnectorBuilder>().Create(json).TestAsync(SyncWorld.Mailbox, CancellationToken.None);

        var failed = FirstFailure(result);
        Assert.Equal(("authenticate", "invalid_client"), (failed.Name, failed.Code));
        Assert.Equal(4, result.Steps.Count(s => !s.Ok));
    }

    [Theory]
    [InlineData(Backend.Graph)]
    [InlineData(Backend.Ews)]
    public async Task A_mailbox_that_does_not_exist_is_named_as_such(Backend backend)
    {
        await using var world = await SyncWorld.StartAsync(backend);

        var result = await Connector(world).TestAsync("nobody@contoso.com", CancellationToken.None);

        var failed = FirstFailure(result);
        Assert.NotNull(failed.Code);
        Assert.Contains("mailbox", failed.Hint ?? failed.Message ?? "", StringComparison.OrdinalIgnoreCase);
    }

    private static IMailboxConnector Connector(SyncWorld world) =>
        world.Service<Core.Sync.Running.IConnectorSource>().MailboxAsync(CancellationToken.None).GetAwaiter().GetResult();

    private static TestStep FirstFailure(ConnectionTestResult result)
    {
        Assert.False(result.Ok, Describe(result));
        return result.Steps.First(s => !s.Ok);
    }

    private static string Describe(ConnectionTestResult result) =>
        string.Join("; ", result.Steps.Select(s => $"{s.Name}:{(s.Ok ? "ok" : $"{s.Code} {s.Message} ({s.Hint})")}"));
}
