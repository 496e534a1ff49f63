using System.Net;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.TestSupport;

namespace OutlookCrm.Api.Tests.Admin;

public sealed class SyncConfigurationTests
{
    public static TheoryData<StoreProvider> Engines => TestStore.Engines;

    public static string Body(string users = "\"Alice@Contoso.com\"", bool active = true, string contactsDirection = "both", string? syncFrom = null, string contactMappings = "") =>
        $$$"""
        {"active":{{{(active ? "true" : "false")}}},"users":[{{{users}}}],
         "contacts":{"direction":"{{{contactsDirection}}}","conflictWinner":"crm","propagateDeletes":true},
         "events":{"direction":"both","conflictWinner":"exchange","syncFrom":"{{{syncFrom ?? DateTime.UtcNow.AddMonths(-6).ToString("yyyy-MM-dd")}}}","includePrivate":false,"propagateDeletes":true},
         "fieldMappings":{"contacts":[{{{contactMappings}}}],"events":[]}}
        """;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Put_get_list_and_delete(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();

        using var put = await admin.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(Body(syncFrom: DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM-dd"))));
        using var get = await admin.GetAsync("/api/admin/sync-configurations/sales");
        using var list = await admin.GetAsync("/api/admin/sync-configurations");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await AdminHost.BodyAsync(get);
        Assert.Equal("sales", body.GetProperty("name").GetString());
        Assert.Equal(["alice@contoso.com"], body.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("both", body.GetProperty("contacts").GetProperty("direction").GetString());
        Assert.Equal("exchange", body.GetProperty("events").GetProperty("conflictWinner").GetString());
        Assert.Equal(DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM-dd"), body.GetProperty("events").GetProperty("syncFrom").GetString());
        Assert.Equal("sales", (await AdminHost.BodyAsync(list)).GetProperty("configurations")[0].GetProperty("name").GetString());
        var domain = await host.Service<SyncConfigurationRepository>().FindActiveForMailboxAsync("ALICE@contoso.com", CancellationToken.None);
        Assert.Equal((SyncDirection.Both, ConflictWinner.Exchange), (domain!.Events.Direction, domain.Events.ConflictWinner));

        using var delete = await admin.DeleteAsync("/api/admin/sync-configurations/sales");
        using var gone = await admin.GetAsync("/api/admin/sync-configurations/sales");
        using var deleteAgain = await admin.DeleteAsync("/api/admin/sync-configurations/sales");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
        Assert.Null(await host.Service<SyncConfigurationRepository>().FindActiveForMailboxAsync("alice@contoso.com", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_mailbox_in_another_active_configuration_is_409_naming_both(StoreProvider provider)
    {
        await using var host = await AdminHost.StartAsync(provider);
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(Body()))).EnsureSuccessStatusCode();

        using var conflict = await admin.PutAsync("/api/admin/sync-configurations/support", AdminHost.Json(Body(users: "\"bob@contoso.com\",\"alice@CONTOSO.com\"")));
        using var inactive = await admin.PutAsync("/api/admin/sync-configurations/archive", AdminHost.Json(Body(active: false)));
        using var sameAgain = await admin.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(Body()));
        using var activate = await admin.PutAsync("/api/admin/sync-configurations/archive", AdminHost.Json(Body(active: true)));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var detail = (await AdminHost.BodyAsync(conflict)).GetProperty("detail").GetString();
        Assert.Contains("alice@contoso.com", detail, StringComparison.Ordinal);
        Assert.Contains("'sales'", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/admin/sync-configurations/support")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, inactive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, activate.StatusCode);
    }

    [Theory]
    [InlineData("\"alice@\"", "both", null, "users[0]")]
    [InlineData("\"alice@contoso.com\",\"ALICE@contoso.com\"", "both", null, "users")]
    [InlineData("\"alice@contoso.com\"", "sideways", null, "contacts.direction")]
    [InlineData("\"alice@contoso.com\"", "Both", null, "contacts.direction")]
    [InlineData("\"alice@contoso.com\"", "both", "yesterday", "events.syncFrom")]
    [InlineData("\"alice@contoso.com\"", "both", "2026-02-30", "events.syncFrom")]
    [InlineData("\"alice@contoso.com\"", "both", "-3y", "events.syncFrom")]
    [InlineData("\"alice@contoso.com\"", "both", "+2y", "events.syncFrom")]
    public async Task Invalid_configurations_are_400_naming_the_field(string users, string direction, string? syncFrom, string field)
    {
        await using var host = await AdminHost.StartAsync();
        syncFrom = syncFrom switch
        {
            "-3y" => DateTime.UtcNow.AddYears(-3).ToString("yyyy-MM-dd"),
            "+2y" => DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd"),
            _ => syncFrom,
        };

        using var response = await host.Admin().PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(Body(users, contactsDirection: direction, syncFrom: syncFrom)));

        Assert.Contains(field, await AdminHost.ErrorFieldsAsync(response));
        Assert.Empty(await host.Service<SyncConfigurationRepository>().ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("conflictWinner\":\"crm", "conflictWinner\":\"nobody", "contacts.conflictWinner")]
    [InlineData("\"active\":true,", "", "active")]
    [InlineData("\"contacts\":{", "\"contactz\":{", "contacts")]
    public async Task Missing_and_unknown_values_are_400_naming_the_field(string from, string to, string field)
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(Body().Replace(from, to)));

        Assert.Contains(field, await AdminHost.ErrorFieldsAsync(response));
    }

    [Theory]
    [InlineData("\"users\":[", "\"users\":[null,", "users[0]")]
    [InlineData("\"contacts\":[]", "\"contacts\":[null]", "fieldMappings.contacts[0]")]
    [InlineData("\"contacts\":[]", "\"contacts\":[{}]", "fieldMappings.contacts[0].crm")]
    [InlineData("\"events\":{", "\"events\":{},\"x\":{", "events.syncFrom")]
    [InlineData("\"users\":[", "\"users\":null,\"x\":[", "users")]
    public async Task Nulls_where_values_belong_are_400_not_500(string from, string to, string field)
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(Body().Replace(from, to)));

        Assert.Contains(field, await AdminHost.ErrorFieldsAsync(response));
    }

    [Theory]
    [InlineData("Sales")]
    [InlineData("-sales")]
    [InlineData("sales%20team")]
    [InlineData("s.ales")]
    public async Task Configuration_names_must_be_safe_slugs(string name)
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().PutAsync($"/api/admin/sync-configurations/{name}", AdminHost.Json(Body()));

        Assert.Equal(["name"], await AdminHost.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Empty_bodies_are_400()
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json("{}"));

        var fields = await AdminHost.ErrorFieldsAsync(response);
        Assert.Contains("users", fields);
        Assert.Contains("events", fields);
    }
}
