namespace OutlookCrm.Api.Tests.Support;

/// <summary>One API host shared by the tests of a class that only read (token checks, documents).</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
