using System.Net;
using System.Text.Json;
using OutlookCrm.Emulators.Common.Admin;

namespace OutlookCrm.Api.Tests.Addin;

/// <summary>The pane's item ids (Outlook's default id in REST form) turned into the sync's ids, and what happens when that fails.</summary>
public sealed class ItemIdTranslationTests
{
    private const string Translate = "graph.users.translateExchangeIds";

    [Fact]
    public async Task Graph_translates_each_new_id_once_and_keeps_the_answer()
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Graph);
        var other = world.AddMeeting("Kick-off", new DateTime(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc));

        foreach (var id in new[] { world.MeetingId, world.MeetingId, other, world.MeetingId, other })
        {
            using var response = await world.Alice.GetAsync($"/api/addin/events/{world.RestIdOf(id)}/crm-link");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var link = await world.LinkAsync(world.RestIdOf(world.MeetingId));

        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        Assert.Equal(2, world.Exchange.Graph.Admin.Journal.Count(Translate));
        Assert.Equal(0, ReadsByRestId(world, world.MeetingId, other));
    }

    [Fact]
    public async Task When_Graph_refuses_translation_to_the_app_the_id_is_read_with_the_ImmutableId_preference_instead()
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Graph, translatePermission: false);
        var other = world.AddMeeting("Kick-off", new DateTime(2026, 12, 8, 9, 0, 0, DateTimeKind.Utc));

        using var first = await world.LinkAsync(world.RestIdOf(world.MeetingId));
        using var second = await world.Alice.GetAsync($"/api/addin/events/{world.RestIdOf(other)}/crm-link");
        using var again = await world.Alice.GetAsync($"/api/addin/events/{world.RestIdOf(world.MeetingId)}/crm-link");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, world.Exchange.Graph.Admin.Journal.Count(Translate));       // refused once, not asked again
        Assert.Equal(2, ReadsByRestId(world, world.MeetingId, other));
        Assert.Equal(world.MeetingId, (string?)Assert.Single(world.Events())[Emulators.Salesforce.Schema.SalesforceSchema.ExchangeIdField]);
    }

    [Fact]
    public async Task Ews_reads_each_new_id_with_one_GetItem_and_keeps_the_answer()
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Ews);
        world.ClearJournals();

        foreach (var _ in new[] { 1, 2 })
        {
            using var response = await world.Alice.GetAsync($"/api/addin/events/{world.RestIdOf(world.MeetingId)}/crm-link");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(1, world.Exchange.Ews.Admin.Journal.Total);
        Assert.Equal(1, world.Exchange.Ews.Admin.Journal.Count("ews.GetItem"));
    }

    [Fact]
    public async Task Ews_ids_exchange_calls_malformed_are_400_and_unknown_items_404_with_exchanges_code()
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Ews);
        var cancelled = world.AddMeeting("Cancelled", new DateTime(2026, 12, 9, 9, 0, 0, DateTimeKind.Utc));
        Assert.True(world.Exchange.Outlook(LinkWorld.Mailbox).Delete(cancelled));

        using var malformed = await world.LinkAsync("QUJDRA==");
        using var unknown = await world.LinkAsync(world.RestIdOf(cancelled));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (malformed.StatusCode, unknown.StatusCode));
        using var body = JsonDocument.Parse(await malformed.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("exchangeItemId", out _), body.RootElement.ToString());
        Assert.Equal("ErrorItemNotFound", await CodeAsync(unknown));
        Assert.Empty(world.Events());
    }

    [Fact]
    public async Task Ids_that_are_not_outlooks_rest_ids_or_that_exchange_calls_malformed_are_400_naming_the_path_parameter()
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Graph);

        foreach (var id in new[] { "AAMk!item", "AAMkAGI", world.RestIdOf(world.MeetingId) + "=", "QUJDRA==" })
        {
            using var response = await world.LinkAsync(Uri.EscapeDataString(id));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("exchangeItemId", out _), body.RootElement.ToString());
        }

        Assert.Equal(1, world.Exchange.Graph.Admin.Journal.Count(Translate));           // only the well-formed "QUJDRA==" reached Exchange
        Assert.Empty(world.Events());
    }

    [Fact]
    public async Task An_item_exchange_does_not_have_in_the_users_mailbox_is_404_with_exchanges_code()
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Graph);
        var cancelled = world.AddMeeting("Cancelled", new DateTime(2026, 12, 9, 9, 0, 0, DateTimeKind.Utc));
        Assert.True(world.Exchange.Outlook(LinkWorld.Mailbox).Delete(cancelled));

        using var response = await world.LinkAsync(world.RestIdOf(cancelled));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ErrorItemNotFound", await CodeAsync(response));
        Assert.Empty(world.Events());
    }

    [Theory]
    [InlineData(503, "ServiceUnavailable", HttpStatusCode.ServiceUnavailable)]
    [InlineData(500, "ErrorInternalServerError", HttpStatusCode.BadGateway)]
    public async Task A_failed_translation_is_a_problem_with_graphs_code_and_nothing_is_linked(int status, string code, HttpStatusCode expected)
    {
        await using var world = await LinkWorld.StartAsync(ExchangeBackend.Graph);
        world.Exchange.Graph.Admin.Faults.Add([new FaultRule { Operation = Translate, Status = status, Code = code }]);

        using var response = await world.LinkAsync(world.RestIdOf(world.MeetingId));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, await CodeAsync(response));
        Assert.Empty(world.Events());
    }

    /// <summary>Graph calls that name a meeting by its default REST id: only the fallback reads do (the sync and the link use immutable ids).</summary>
    private static int ReadsByRestId(LinkWorld world, params string[] meetings) =>
        world.Exchange.Graph.Admin.Journal.Entries.Count(e => meetings.Any(m => e.Path.Contains(world.RestIdOf(m), StringComparison.Ordinal)));

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
