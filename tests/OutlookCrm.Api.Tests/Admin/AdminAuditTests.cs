using System.Text.Json;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Admin;

/// <summary>Every admin change lands in the audit log with who, what, and masked before/after.</summary>
public sealed class AdminAuditTests
{
    private const string Secret = "audit-secret-value-1";

    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Changes_are_recorded_with_actor_action_target_and_masked_values(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var carol = host.Admin("carol@contoso.com");
        var dave = host.Admin("dave@contoso.com");
        var ews = $$$"""{"type":"ews","ewsUrl":"https://mail.contoso.com/EWS/Exchange.asmx","auth":{"type":"basic","username":"svc","password":"{{{Secret}}}"}}""";
        (await carol.PutAsync("/api/admin/connections/exchange", AdminHost.Json(ews))).EnsureSuccessStatusCode();
        (await dave.PutAsync("/api/admin/connections/exchange", AdminHost.Json(ews.Replace("\"svc\"", "\"svc2\"").Replace(Secret, "***")))).EnsureSuccessStatusCode();
        (await carol.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(SyncConfigurationTests.Body()))).EnsureSuccessStatusCode();
        (await carol.PostAsync("/api/admin/sync-runs", AdminHost.Json("""{"mailbox":"alice@contoso.com"}"""))).EnsureSuccessStatusCode();
        (await dave.PostAsync("/api/admin/sync-status/alice@contoso.com/reset", null)).EnsureSuccessStatusCode();
        (await dave.DeleteAsync("/api/admin/sync-configurations/sales")).EnsureSuccessStatusCode();

        var entries = (await host.Service<AuditLog>().ListAsync(50, null, CancellationToken.None)).Reverse().ToList();

        Assert.Equal(
            [("carol@contoso.com", "connection.put", "connections/exchange"), ("dave@contoso.com", "connection.put", "connections/exchange"),
             ("carol@contoso.com", "sync-configuration.put", "sync-configurations/sales"), ("carol@contoso.com", "sync-run.request", entries[3].Target),
             ("dave@contoso.com", "sync-status.reset", "sync-status/alice@contoso.com"), ("dave@contoso.com", "sync-configuration.delete", "sync-configurations/sales")],
            entries.Select(e => (e.Actor, e.Action, e.Target)));
        Assert.StartsWith("sync-runs/", entries[3].Target, StringComparison.Ordinal);
        Assert.Null(entries[0].BeforeJson);
        var before = JsonDocument.Parse(entries[1].BeforeJson!).RootElement.GetProperty("auth");
        var after = JsonDocument.Parse(entries[1].AfterJson!).RootElement.GetProperty("auth");
        Assert.Equal(("svc", "***"), (before.GetProperty("username").GetString(), before.GetProperty("password").GetString()));
        Assert.Equal(("svc2", "***"), (after.GetProperty("username").GetString(), after.GetProperty("password").GetString()));
        Assert.Null(entries[5].AfterJson);
        Assert.Contains("alice@contoso.com", entries[5].BeforeJson, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.DoesNotContain(Secret, $"{e.BeforeJson}{e.AfterJson}", StringComparison.Ordinal));

        using var page = await carol.GetAsync("/api/admin/audit?limit=2");
        var listed = (await AdminHost.BodyAsync(page)).GetProperty("entries");
        Assert.Equal("sync-configuration.delete", listed[0].GetProperty("action").GetString());
        Assert.DoesNotContain(Secret, host.Logs.All, StringComparison.Ordinal);
    }
}
