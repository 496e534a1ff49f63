using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Core.Notifications;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;

namespace OutlookCrm.Api.Tests.Notifications;

/// <summary><c>POST /api/notifications/graph</c>: the handshake, genuine and forged notifications, and bodies that are not notifications.</summary>
public sealed class GraphNotificationEndpointTests : IAsyncLifetime
{
    private const string Path = "/api/notifications/graph";
    private const string Alice = "alice@contoso.com";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private ApiHost host = null!;
    private string secret = "";

    public async Task InitializeAsync()
    {
        host = await ApiHost.StartAsync();
        secret = ClientStateSecret.New();
        await Service<SyncConfigurationRepository>().SaveAsync(new SyncConfiguration("sales", true, [Alice],
            new ContactSyncOptions(SyncDirection.Both, ConflictWinner.Crm, PropagateDeletes: true),
            new EventSyncOptions(SyncDirection.Both, ConflictWinner.Exchange, new DateOnly(2026, 1, 1), IncludePrivate: false, PropagateDeletes: true),
            FieldMappings.None), CancellationToken.None);
        await Service<GraphSubscriptionRepository>().SaveAsync(new StoredSubscription(Alice, "contacts", "sub-alice", ClientStateSecret.Hash(secret),
            "https://crm-sync.contoso.com/api/notifications/graph", DateTimeOffset.UtcNow.AddDays(3)), CancellationToken.None);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_validation_handshake_echoes_the_decoded_token_as_plain_text_without_a_bearer_token()
    {
        const string token = "Validation: Testing client application reachability for subscription Request-Id: 5d3c1f0e-<b>";

        using var response = await host.Client().PostAsync($"{Path}?validationToken={Uri.EscapeDataString(token)}", new StringContent("", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(token, await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_genuine_notification_makes_the_mailbox_due_at_once()
    {
        await ParkAliceForAnHourAsync();

        using var response = await PostAsync(Batch(Notification("sub-alice", secret)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([Alice], await Service<MailboxLeases>().ClaimDueAsync("w", 5, Lease, CancellationToken.None));
    }

    [Theory]
    [InlineData("sub-alice", "not-the-secret")]
    [InlineData("sub-alice", null)]
    [InlineData("sub-someone-else", "any")]
    public async Task A_notification_with_the_wrong_clientState_or_an_unknown_subscription_is_accepted_and_ignored(string subscriptionId, string? clientState)
    {
        await ParkAliceForAnHourAsync();

        using var response = await PostAsync(Batch(Notification(subscriptionId, clientState)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);                                 // the sender learns nothing
        Assert.Empty(await Service<MailboxLeases>().ClaimDueAsync("w", 5, Lease, CancellationToken.None));
    }

    [Fact]
    public async Task A_hundred_notifications_for_one_mailbox_make_one_run()
    {
        await ParkAliceForAnHourAsync();
        var loop = new SyncLoop(Service<MailboxLeases>(), Service<SyncConfigurationRepository>(), Service<SyncRunRepository>(), Service<MailboxSyncJob>(),
            Options.Create(new SyncOptions { Interval = TimeSpan.FromHours(1) }), TimeProvider.System, NullLogger<SyncLoop>.Instance);

        for (var post = 0; post < 10; post++)
        {
            using var response = await PostAsync(Batch([.. Enumerable.Range(0, 10).Select(_ => Notification("sub-alice", secret))]));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await loop.PollAsync(CancellationToken.None);
        var runs = Service<SyncRunRepository>();
        await using (var connection = await Service<StoreDatabase>().OpenAsync(CancellationToken.None))
        {
            // Until the run has finished and given the mailbox back.
            for (var i = 0; i < 300 && (await connection.ExecuteScalarAsync<string?>("SELECT owner FROM mailbox_leases WHERE mailbox = @Alice", new { Alice }) is not null
                || (await runs.ListLatestAsync(Alice, 10, CancellationToken.None)).All(r => r.FinishedAt is null)); i++)
            {
                await Task.Delay(100);
            }
        }

        var all = await runs.ListLatestAsync(Alice, 10, CancellationToken.None);
        Assert.Single(all, r => r.WorkerId == loop.WorkerId && r.FinishedAt is not null);   // no connection is stored, so it failed; it ran once all the same
        Assert.Empty(await Service<MailboxLeases>().ClaimDueAsync("probe", 5, Lease, CancellationToken.None));   // and is not due again
        loop.Dispose();
    }

    public static TheoryData<string, string> NotBatches => new()
    {
        { "{\"value\":[{\"subscriptionId\":\"sub-alice\"", "value[0]" },
        { "not json", "body" },
        { "{}", "value" },
        { "{\"value\":\"sub-alice\"}", "value" },
        { "{\"value\":[null]}", "value" },
        { "{\"value\":[{\"subscriptionId\":42}]}", "value[0].subscriptionId" },
    };

    [Theory]
    [MemberData(nameof(NotBatches))]
    public async Task A_body_that_is_not_a_notification_batch_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var response = await host.Client().PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_it_is_parsed()
    {
        var huge = Batch([.. Enumerable.Range(0, 12_000).Select(_ => Notification("sub-alice", secret))]).ToJsonString();
        Assert.True(huge.Length > 1024 * 1024);

        using var response = await host.Client().PostAsync(Path, new StringContent(huge, Encoding.UTF8, "application/json"));
        using var chunked = await host.Client().PostAsync(Path, new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Fact]
    public async Task An_overlong_validation_token_is_a_400_problem()
    {
        using var response = await host.Client().PostAsync($"{Path}?validationToken={new string('a', 5000)}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("validationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Alice was synced and is not due for an hour: only a notification can make her due now.</summary>
    private async Task ParkAliceForAnHourAsync()
    {
        var leases = Service<MailboxLeases>();
        await leases.TrackAsync([Alice], CancellationToken.None);
        Assert.Equal([Alice], await leases.ClaimDueAsync("earlier", 1, Lease, CancellationToken.None));
        await leases.ReleaseAsync("earlier", Alice, DateTimeOffset.UtcNow.AddHours(1), null, CancellationToken.None);
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject batch) =>
        host.Client().PostAsync(Path, new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json"));

    private static JsonObject Notification(string subscriptionId, string? clientState) => new()
    {
        ["subscriptionId"] = subscriptionId,
        ["subscriptionExpirationDateTime"] = "2026-05-07T08:00:00.0000000Z",
        ["clientState"] = clientState,
        ["changeType"] = "updated",
        ["resource"] = "Users/6f1c1a77-6d0e-4b47-9f4e-1f5b1c0a9e11/Contacts/AAMkAGI2",
        ["tenantId"] = "84bd8158-6d4d-4958-8b9f-9d6445542f95",
        ["resourceData"] = new JsonObject { ["@odata.type"] = "#Microsoft.Graph.Contact", ["id"] = "AAMkAGI2" },
    };

    private static JsonObject Batch(params JsonObject[] notifications) => new() { ["value"] = new JsonArray([.. notifications]) };

    private T Service<T>() where T : notnull => host.Factory.Services.GetRequiredService<T>();
}
