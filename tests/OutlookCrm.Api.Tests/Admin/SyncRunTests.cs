using System.Net;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Admin;

public sealed class SyncRunTests
{
    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_queued_run_is_read_back_and_follows_the_runner(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(SyncConfigurationTests.Body()))).EnsureSuccessStatusCode();

        using var queued = await admin.PostAsync("/api/admin/sync-runs", AdminHost.Json("""{"mailbox":"Alice@Contoso.com"}"""));

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var id = (await AdminHost.BodyAsync(queued)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/admin/sync-runs/{id}", queued.Headers.Location?.OriginalString);
        var run = await AdminHost.BodyAsync(await admin.GetAsync($"/api/admin/sync-runs/{id}"));
        Assert.Equal(("alice@contoso.com", "queued"), (run.GetProperty("mailbox").GetString(), run.GetProperty("state").GetString()));
        Assert.Equal(0, run.GetProperty("progress").GetProperty("total").GetInt32());

        var runs = host.Service<SyncRunRepository>();
        Assert.Equal(["alice@contoso.com"], await runs.ListQueuedMailboxesAsync(CancellationToken.None));
        Assert.Equal(id, await runs.StartAsync("alice@contoso.com", "worker-1", CancellationToken.None));
        await runs.ReportProgressAsync(id, 3, 10, CancellationToken.None);
        run = await AdminHost.BodyAsync(await admin.GetAsync($"/api/admin/sync-runs/{id}"));
        Assert.Equal("running", run.GetProperty("state").GetString());
        Assert.Equal((3, 10), (run.GetProperty("progress").GetProperty("done").GetInt32(), run.GetProperty("progress").GetProperty("total").GetInt32()));

        await runs.FinishAsync(id, null, "ErrorServerBusy: try later", CancellationToken.None);
        run = await AdminHost.BodyAsync(await admin.GetAsync($"/api/admin/sync-runs/{id}"));
        Assert.Equal("failed", run.GetProperty("state").GetString());
        Assert.Equal("ErrorServerBusy: try later", run.GetProperty("error").GetString());
        Assert.Empty(await runs.ListQueuedMailboxesAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Queued_requests_are_folded_into_the_run_that_starts(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var runs = host.Service<SyncRunRepository>();
        var first = await runs.QueueAsync("alice@contoso.com", CancellationToken.None);
        var second = await runs.QueueAsync("alice@contoso.com", CancellationToken.None);
        var other = await runs.QueueAsync("bob@contoso.com", CancellationToken.None);

        var started = await runs.StartAsync("alice@contoso.com", "worker-1", CancellationToken.None);
        await runs.FinishAsync(started, null, null, CancellationToken.None);
        var scheduled = await runs.StartAsync("alice@contoso.com", "worker-1", CancellationToken.None);

        Assert.Contains(started, new[] { first, second });
        Assert.Equal(SyncRunStates.Succeeded, (await runs.FindAsync(started == first ? second : first, CancellationToken.None))!.State);
        Assert.Equal(SyncRunStates.Queued, (await runs.FindAsync(other, CancellationToken.None))!.State);
        Assert.NotEqual(started, scheduled);
        Assert.Equal(SyncRunStates.Running, (await runs.FindAsync(scheduled, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_mailbox_outside_any_active_configuration_cannot_be_queued()
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/sync-configurations/archive", AdminHost.Json(SyncConfigurationTests.Body(active: false)))).EnsureSuccessStatusCode();

        using var inactive = await admin.PostAsync("/api/admin/sync-runs", AdminHost.Json("""{"mailbox":"alice@contoso.com"}"""));
        using var unknown = await admin.PostAsync("/api/admin/sync-runs", AdminHost.Json("""{"mailbox":"nobody@contoso.com"}"""));
        using var invalid = await admin.PostAsync("/api/admin/sync-runs", AdminHost.Json("""{"mailbox":"not-an-address"}"""));
        using var missingRun = await admin.GetAsync("/api/admin/sync-runs/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, inactive.StatusCode);
        Assert.Contains("alice@contoso.com", (await AdminHost.BodyAsync(inactive)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["mailbox"], await AdminHost.ErrorFieldsAsync(invalid));
        Assert.Equal(HttpStatusCode.NotFound, missingRun.StatusCode);
        Assert.Empty(await host.Service<SyncRunRepository>().ListLatestAsync("alice@contoso.com", 10, CancellationToken.None));
    }
}
