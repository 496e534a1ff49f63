using System.Net;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.State;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Admin;

public sealed class SyncStatusTests
{
    private const string Mailbox = "alice@contoso.com";

    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Status_is_built_from_the_last_report_and_the_stored_item_errors(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(SyncConfigurationTests.Body()))).EnsureSuccessStatusCode();
        var parked = await SeedAsync(host);

        using var response = await admin.GetAsync($"/api/admin/sync-status/{Mailbox}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AdminHost.BodyAsync(response);
        Assert.Equal((Mailbox, "sales"), (body.GetProperty("mailbox").GetString(), body.GetProperty("configuration").GetString()));
        var contacts = body.GetProperty("contacts");
        Assert.Equal("idle", contacts.GetProperty("state").GetString());
        Assert.Equal(12, contacts.GetProperty("created").GetProperty("exchange").GetInt32());
        Assert.Equal(1, contacts.GetProperty("updated").GetProperty("crm").GetInt32());
        Assert.Equal(2, contacts.GetProperty("deleted").GetProperty("crm").GetInt32());
        Assert.Equal(1, contacts.GetProperty("conflicts").GetInt32());
        Assert.True(contacts.TryGetProperty("lastRunAt", out var lastRun) && lastRun.GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(lastRun.GetDateTimeOffset(), contacts.GetProperty("lastSuccessAt").GetDateTimeOffset());
        var error = Assert.Single(contacts.GetProperty("errors").EnumerateArray());
        Assert.Equal(("003A", "FIELD_CUSTOM_VALIDATION_EXCEPTION"), (error.GetProperty("item").GetString(), error.GetProperty("code").GetString()));
        var unresolved = Assert.Single(contacts.GetProperty("unresolved").EnumerateArray());
        Assert.Equal((parked.Id, "003A", 3), (unresolved.GetProperty("id").GetInt64(), unresolved.GetProperty("item").GetString(), unresolved.GetProperty("attempts").GetInt32()));
        var events = body.GetProperty("events");
        Assert.Equal(5, events.GetProperty("created").GetProperty("crm").GetInt32());
        Assert.Empty(events.GetProperty("unresolved").EnumerateArray());
        var loss = Assert.Single(events.GetProperty("losses").EnumerateArray());
        Assert.Equal(("AAMk1", "crm", "attendee x@nowhere.test matches no CRM contact or lead"),
            (loss.GetProperty("item").GetString(), loss.GetProperty("side").GetString(), loss.GetProperty("what").GetString()));
        Assert.Empty(contacts.GetProperty("losses").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Retry_unparks_one_item_and_reset_forgets_the_mailbox_state(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(SyncConfigurationTests.Body()))).EnsureSuccessStatusCode();
        var parked = await SeedAsync(host);
        var queries = host.Service<SyncStatusQueries>();
        var state = new SqlSyncStateStore(host.Service<StoreDatabase>(), TimeProvider.System);

        using var retry = await admin.PostAsync($"/api/admin/sync-status/{Mailbox}/unresolved/{parked.Id}/retry", null);
        using var retryUnknown = await admin.PostAsync($"/api/admin/sync-status/{Mailbox}/unresolved/99999/retry", null);
        using var retryOtherMailbox = await admin.PostAsync($"/api/admin/sync-status/bob@contoso.com/unresolved/{parked.Id}/retry", null);

        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retryUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retryOtherMailbox.StatusCode);
        var retried = (await queries.ItemErrorsAsync(Mailbox, CancellationToken.None)).Single(e => e.Id == parked.Id);
        Assert.Equal((0, false), (retried.Attempts, retried.Unresolved));
        var audited = (await host.Service<AuditLog>().ListAsync(10, null, CancellationToken.None)).First(e => e.Action == "sync-status.retry");
        Assert.Equal(("admin@contoso.com", $"sync-status/{Mailbox}/unresolved/{parked.Id}"), (audited.Actor, audited.Target));
        Assert.Contains("\"unresolved\":true", audited.BeforeJson, StringComparison.Ordinal);
        var status = await AdminHost.BodyAsync(await admin.GetAsync($"/api/admin/sync-status/{Mailbox}"));
        Assert.Empty(status.GetProperty("contacts").GetProperty("unresolved").EnumerateArray());

        using var reset = await admin.PostAsync($"/api/admin/sync-status/{Mailbox}/reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var counts = await AdminHost.BodyAsync(reset);
        Assert.Equal((1, 1, 2), (counts.GetProperty("relations").GetInt32(), counts.GetProperty("cursors").GetInt32(), counts.GetProperty("itemErrors").GetInt32()));
        Assert.Empty(await queries.ItemErrorsAsync(Mailbox, CancellationToken.None));
        Assert.Empty(await state.LoadRelationsAsync(Mailbox, ObjectKind.Contact, CancellationToken.None));
        Assert.Null(await state.GetCursorAsync(Mailbox, ObjectKind.Contact, Side.Exchange, CancellationToken.None));
        Assert.Single(await state.LoadRelationsAsync("bob@contoso.com", ObjectKind.Contact, CancellationToken.None));
        // Items the sync created in the mailbox are unknown to the store now: the next run reads their partner stamps.
        Assert.True(await state.HasUnsavedCreatesAsync(Mailbox, ObjectKind.Contact, Side.Exchange, CancellationToken.None));
        Assert.True(await state.HasUnsavedCreatesAsync(Mailbox, ObjectKind.Event, Side.Exchange, CancellationToken.None));
        Assert.False(await state.HasUnsavedCreatesAsync("bob@contoso.com", ObjectKind.Contact, Side.Exchange, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_mailbox_is_404()
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().GetAsync("/api/admin/sync-status/nobody@contoso.com");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_mailbox_of_an_inactive_configuration_has_a_status_without_a_configuration()
    {
        await using var host = await AdminHost.StartAsync();
        (await host.Admin().PutAsync("/api/admin/sync-configurations/archive", AdminHost.Json(SyncConfigurationTests.Body(active: false)))).EnsureSuccessStatusCode();

        var body = await AdminHost.BodyAsync(await host.Admin().GetAsync($"/api/admin/sync-status/{Mailbox}"));

        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("configuration").ValueKind);
        Assert.Equal("idle", body.GetProperty("contacts").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_queued_run_shows_in_the_state()
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(SyncConfigurationTests.Body()))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/sync-runs", AdminHost.Json($$"""{"mailbox":"{{Mailbox}}"}"""))).EnsureSuccessStatusCode();

        var body = await AdminHost.BodyAsync(await admin.GetAsync($"/api/admin/sync-status/{Mailbox}"));

        Assert.Equal("queued", body.GetProperty("events").GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("events").GetProperty("lastRunAt").ValueKind);
    }

    /// <summary>A finished run with a report, one item parked after three failures, one failing once, relations and cursors.</summary>
    private static async Task<StoredItemError> SeedAsync(AdminHost host)
    {
        var runs = host.Service<SyncRunRepository>();
        var state = new SqlSyncStateStore(host.Service<StoreDatabase>(), TimeProvider.System);
        var report = new MailboxSyncReport(Mailbox, "sales", new ObjectSyncReport { Conflicts = 1 }, new ObjectSyncReport());
        for (var i = 0; i < 12; i++)
        {
            report.Contacts.Created.Add(Side.Exchange);
        }

        report.Contacts.Updated.Add(Side.Crm);
        report.Contacts.Deleted.Add(Side.Crm);
        report.Contacts.Deleted.Add(Side.Crm);
        report.Contacts.Errors.Add(new ReportedError("exchange", "003A", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Phone is required"));
        report.Events.Losses.Add(new ReportedLoss("crm", "AAMk1", "attendee x@nowhere.test matches no CRM contact or lead"));
        for (var i = 0; i < 5; i++)
        {
            report.Events.Created.Add(Side.Crm);
        }

        var run = await runs.StartAsync(Mailbox, "worker-1", CancellationToken.None);
        await runs.FinishAsync(run, report, null, CancellationToken.None);

        for (var i = 0; i < ItemErrorPolicy.MaxAttempts; i++)
        {
            await state.RecordItemOutcomesAsync(Mailbox, ObjectKind.Contact,
                [new ItemFailure(Side.Crm, "003A", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Phone is required")], [], CancellationToken.None);
        }

        await state.RecordItemOutcomesAsync(Mailbox, ObjectKind.Event, [new ItemFailure(Side.Exchange, "AAMk1", "ErrorItemNotFound", "gone")], [], CancellationToken.None);
        await state.SaveRelationsAsync(Mailbox, ObjectKind.Contact, [new Relation("003B", "1", "AAMk2", "v1", "h")], [], CancellationToken.None);
        await state.SaveRelationsAsync("bob@contoso.com", ObjectKind.Contact, [new Relation("003C", "1", "AAMk3", "v1", "h")], [], CancellationToken.None);
        await state.SaveCursorAsync(Mailbox, ObjectKind.Contact, Side.Exchange, "sync-state-1", CancellationToken.None);
        return (await host.Service<SyncStatusQueries>().ItemErrorsAsync(Mailbox, CancellationToken.None)).Single(e => e.Unresolved);
    }
}
