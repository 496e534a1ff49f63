using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>Graph v1.0 requests written as raw JSON in the documented shapes, checked against the documented answers.</summary>
public sealed class GraphContractTests : IAsyncLifetime
{
    private const string PartnerProperty = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CrmId";
    private readonly ExchangeHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Contacts_delta_pages_with_nextLink_ends_with_deltaLink_then_reports_changes_and_removals()
    {
        var ids = host.Exchange.SeedContacts(Alice, 25);

        var seen = new List<string>();
        var url = $"/users/{Alice}/contacts/delta";
        string? deltaLink = null;
        var pages = 0;
        while (deltaLink is null)
        {
            var (response, body) = await host.GraphAsync(HttpMethod.Get, url, prefer: "odata.maxpagesize=10, IdType=\"ImmutableId\"");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages++;
            seen.AddRange(body!["value"]!.AsArray().Select(v => (string)v!["id"]!));
            url = (string?)body["@odata.nextLink"] ?? "";
            deltaLink = (string?)body["@odata.deltaLink"];
            Assert.True(body["@odata.nextLink"] is null ^ body["@odata.deltaLink"] is null);
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids, seen);

        var outlook = host.Exchange.Outlook(Alice);
        Assert.True(outlook.Delete(ids[3]));
        Assert.True(outlook.EditContact(ids[7], c => c with { JobTitle = "CTO" }));
        var (_, changes) = await host.GraphAsync(HttpMethod.Get, deltaLink);
        var values = changes!["value"]!.AsArray();

        Assert.Equal(2, values.Count);
        Assert.Equal(ids[3], (string)values[0]!["id"]!);
        Assert.Equal("deleted", (string)values[0]!["@removed"]!["reason"]!);
        Assert.Equal(ids[7], (string)values[1]!["id"]!);
        Assert.Equal("CTO", (string)values[1]!["jobTitle"]!);
        Assert.NotNull(changes["@odata.deltaLink"]);
    }

    [Fact]
    public async Task An_expired_or_forged_delta_token_answers_410()
    {
        host.Exchange.SeedContacts(Alice, 3);
        var (_, first) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts/delta");
        var deltaLink = (string)first!["@odata.deltaLink"]!;

        var (forged, _) = await host.GraphAsync(HttpMethod.Get, deltaLink[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Gone, forged.StatusCode);

        var expire = await host.Graph.PostAsync($"/__admin/mailboxes/{Alice}/expire-sync-state?folder=contacts", null);
        Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        var (expired, body) = await host.GraphAsync(HttpMethod.Get, deltaLink);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.NotNull(body!["error"]!["code"]);
    }

    [Fact]
    public async Task An_extended_property_round_trips_through_create_expand_patch_and_filter()
    {
        var create = new JsonObject
        {
            ["givenName"] = "Pavel",
            ["surname"] = "Bansky",
            ["emailAddresses"] = new JsonArray(new JsonObject { ["address"] = "pavelb@fabrikam.onmicrosoft.com", ["name"] = "Pavel Bansky" }),
            ["businessPhones"] = new JsonArray("+1 732 555 0102"),
            ["singleValueExtendedProperties"] = new JsonArray(new JsonObject { ["id"] = PartnerProperty, ["value"] = "003000000000001" }),
        };
        var (created, contact) = await host.GraphAsync(HttpMethod.Post, $"/users/{Alice}/contacts", create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)contact!["id"]!;
        Assert.Null(contact["singleValueExtendedProperties"]);

        var expand = $"$expand=singleValueExtendedProperties($filter=id eq '{PartnerProperty}')";
        var (_, read) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts/{id}?{expand}");
        Assert.Equal("003000000000001", (string)read!["singleValueExtendedProperties"]![0]!["value"]!);

        var patch = new JsonObject { ["singleValueExtendedProperties"] = new JsonArray(new JsonObject { ["id"] = PartnerProperty, ["value"] = "003000000000002" }) };
        var (patched, after) = await host.GraphAsync(HttpMethod.Patch, $"/users/{Alice}/contacts/{id}", patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.NotEqual((string)contact["changeKey"]!, (string)after!["changeKey"]!);

        var filter = $"$filter=singleValueExtendedProperties/any(ep: ep/id eq '{PartnerProperty}' and ep/value eq '003000000000002')&{expand}";
        var (_, found) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts?{filter}");
        var match = Assert.Single(found!["value"]!.AsArray());
        Assert.Equal(id, (string)match!["id"]!);
        Assert.Equal("003000000000002", (string)match["singleValueExtendedProperties"]![0]!["value"]!);

        var (_, other) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts/{id}?$expand=singleValueExtendedProperties($filter=id eq 'String {{00000000-0000-0000-0000-000000000001}} Name Other')");
        Assert.Null(other!["singleValueExtendedProperties"]);
    }

    [Fact]
    public async Task Batch_runs_dependsOn_in_order_and_reports_failures_per_request()
    {
        host.Exchange.Graph.Admin.Faults.Add([new FaultRule { Operation = "graph.contacts.list", Status = 429, Code = "ApplicationThrottled", RetryAfterSeconds = 7 }]);
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "1", ["method"] = "POST", ["url"] = $"/users/{Alice}/events",
                    ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                    ["body"] = new JsonObject
                    {
                        ["subject"] = "From CRM",
                        ["start"] = new JsonObject { ["dateTime"] = "2026-05-04T09:00:00", ["timeZone"] = "Pacific Standard Time" },
                        ["end"] = new JsonObject { ["dateTime"] = "2026-05-04T10:00:00", ["timeZone"] = "Pacific Standard Time" },
                    },
                },
                new JsonObject { ["id"] = "2", ["method"] = "GET", ["url"] = $"/users/{Alice}/events/AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAENAAAiIsqMbYjsT5e-T7KzowPTAAAYbvZBAAA=" },
                new JsonObject { ["id"] = "3", ["method"] = "GET", ["url"] = $"/users/{Alice}/calendar", ["dependsOn"] = new JsonArray("2") },
                new JsonObject { ["id"] = "4", ["method"] = "GET", ["url"] = $"/users/{Alice}/calendarView?startDateTime=2026-05-01T00:00:00Z&endDateTime=2026-05-08T00:00:00Z", ["dependsOn"] = new JsonArray("1") },
                new JsonObject { ["id"] = "5", ["method"] = "GET", ["url"] = $"/users/{Alice}/contacts" }),
        };

        var (response, body) = await host.GraphAsync(HttpMethod.Post, "/$batch", batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var responses = body!["responses"]!.AsArray().ToDictionary(r => (string)r!["id"]!, r => r!);

        Assert.Equal(201, (int)responses["1"]["status"]!);
        Assert.Equal(400, (int)responses["2"]["status"]!);
        Assert.Equal("ErrorInvalidIdMalformed", (string)responses["2"]["body"]!["error"]!["code"]!);
        Assert.Equal(424, (int)responses["3"]["status"]!);
        Assert.Equal(200, (int)responses["4"]["status"]!);
        var instance = Assert.Single(responses["4"]["body"]!["value"]!.AsArray());
        Assert.Equal("2026-05-04T16:00:00.0000000", (string)instance!["start"]!["dateTime"]!);
        Assert.Equal(429, (int)responses["5"]["status"]!);
        Assert.Equal("7", (string)responses["5"]["headers"]!["Retry-After"]!);
        Assert.Equal("ApplicationThrottled", (string)responses["5"]["body"]!["error"]!["code"]!);

        // Retrying before the 7 seconds are up (once a call could no longer have been on its way) is caught by the throttling record.
        await Task.Delay(ThrottleRecord.InFlight * 2);
        await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts");
        Assert.Contains(host.Exchange.Graph.Admin.Throttling.Violations, v => v.Key == Alice && v.Operation == "graph.contacts.list");
    }

    [Fact]
    public async Task Batch_of_more_than_20_requests_is_refused()
    {
        var requests = new JsonArray(Enumerable.Range(1, 21)
            .Select(i => (JsonNode?)new JsonObject { ["id"] = $"{i}", ["method"] = "GET", ["url"] = $"/users/{Alice}/calendar" }).ToArray());
        var (response, body) = await host.GraphAsync(HttpMethod.Post, "/$batch", new JsonObject { ["requests"] = requests });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["error"]!["message"]);
    }

    [Fact]
    public async Task An_application_access_policy_that_excludes_the_mailbox_answers_403()
    {
        host.Exchange.Seed(new SeedDocument { Apps = [new SeedApp { ClientId = SyncApp, Mailboxes = [Alice] }] });

        var (allowed, _) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts");
        var (denied, body) = await host.GraphAsync(HttpMethod.Get, $"/users/{Bob}/contacts");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("ErrorAccessDenied", (string)body!["error"]!["code"]!);
        Assert.NotNull(body["error"]!["innerError"]!["request-id"]);
        Assert.NotNull(body["error"]!["innerError"]!["date"]);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("unknownKey")]
    [InlineData("audience")]
    [InlineData("garbage")]
    public async Task A_missing_or_bad_token_answers_401_InvalidAuthenticationToken(string kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1.0/users/{Alice}/contacts");
        var token = kind switch
        {
            "unknownKey" => host.GraphToken(unknownKey: true),
            "audience" => host.GraphToken(audience: "https://outlook.office365.com"),
            "garbage" => "not.a.token",
            _ => null,
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        var response = await host.Graph.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (string)body!["error"]!["code"]!);
    }

    [Fact]
    public async Task A_token_without_the_permission_answers_403()
    {
        var (response, body) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/events", token: host.GraphToken(roles: "Contacts.ReadWrite"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ErrorAccessDenied", (string)body!["error"]!["code"]!);
    }

    [Fact]
    public async Task More_than_four_concurrent_requests_per_mailbox_get_429_with_Retry_After_and_an_early_retry_is_recorded()
    {
        host.Exchange.Graph.Admin.Latency = TimeSpan.FromMilliseconds(400);
        var token = host.GraphToken();
        var calls = Enumerable.Range(0, 8).Select(_ => host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts", token: token)).ToList();
        var results = await Task.WhenAll(calls);

        var throttled = results.Where(r => r.Response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(throttled.Count, 1, 4);
        Assert.All(throttled, t =>
        {
            Assert.NotNull(t.Response.Headers.RetryAfter);
            Assert.Equal("ApplicationThrottled", (string)t.Body!["error"]!["code"]!);
        });

        host.Exchange.Graph.Admin.Latency = TimeSpan.Zero;
        await Task.Delay(ThrottleRecord.InFlight * 2);
        await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts", token: token);
        Assert.NotEmpty(host.Exchange.Graph.Admin.Throttling.Violations);
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_malformed_ids_are_400()
    {
        var unknown = new ItemId(ItemIdKind.Item, host.Exchange.Store.FindMailbox(Alice)!.Id, Guid.NewGuid()).ToGraph();
        var (missing, body) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts/{unknown}");
        var (malformed, _) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts/xyz");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ErrorItemNotFound", (string)body!["error"]!["code"]!);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Creating_an_event_with_attendees_records_an_invitation_and_one_without_records_nothing()
    {
        JsonObject Event(bool attendees) => new()
        {
            ["subject"] = "Review",
            ["start"] = new JsonObject { ["dateTime"] = "2026-06-01T09:00:00", ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-06-01T10:00:00", ["timeZone"] = "UTC" },
            ["attendees"] = attendees
                ? new JsonArray(new JsonObject { ["type"] = "required", ["emailAddress"] = new JsonObject { ["address"] = "carol@fabrikam.com" } })
                : new JsonArray(),
        };

        await host.GraphAsync(HttpMethod.Post, $"/users/{Alice}/events", Event(false));
        Assert.Empty(host.Exchange.MeetingMessages);

        var (_, created) = await host.GraphAsync(HttpMethod.Post, $"/users/{Alice}/events", Event(true));
        var message = Assert.Single(host.Exchange.MeetingMessages);
        Assert.Equal(MeetingMessageKind.Invitation, message.Kind);
        Assert.Equal(["carol@fabrikam.com"], message.Recipients);

        Assert.Equal((string)created!["id"]!, message.ItemId);
        var listed = JsonNode.Parse(await host.Graph.GetStringAsync("/__admin/meeting-messages"))!.AsArray();
        Assert.Equal("invitation", (string)Assert.Single(listed)!["kind"]!);
    }

    [Fact]
    public async Task A_recurring_series_with_a_moved_and_a_cancelled_occurrence_shows_in_calendarView_delta()
    {
        var series = SeedSeries(host);

        var window = "startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z";
        var (_, first) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/calendarView/delta?{window}");
        var values = first!["value"]!.AsArray();

        Assert.Equal(["occurrence", "exception", "occurrence"], values.Select(v => (string)v!["type"]!));
        Assert.All(values, v => Assert.Equal(series, (string)v!["seriesMasterId"]!));
        Assert.Equal("2026-03-24T13:00:00.0000000", (string)values[1]!["start"]!["dateTime"]!);
        Assert.Equal("2026-03-23T08:00:00Z", (string)values[1]!["originalStart"]!);

        var last = (string)values[2]!["id"]!;
        Assert.True(host.Exchange.Outlook(Alice).Delete(last));
        var (_, delta) = await host.GraphAsync(HttpMethod.Get, (string)first["@odata.deltaLink"]!);
        var removed = delta!["value"]!.AsArray().Where(v => v!["@removed"] is not null).Select(v => (string)v!["id"]!).ToList();
        Assert.Contains(last, removed);
        Assert.DoesNotContain(last, delta["value"]!.AsArray().Where(v => v!["@removed"] is null).Select(v => (string)v!["id"]!));

        var (_, master) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/events/{series}");
        Assert.Equal("seriesMaster", (string)master!["type"]!);
        Assert.Equal("weekly", (string)master["recurrence"]!["pattern"]!["type"]!);
    }

    [Fact]
    public async Task CalendarView_requires_its_window_and_honours_outlook_timezone()
    {
        SeedSeries(host);
        var (missing, error) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/calendarView");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("ErrorInvalidParameter", (string)error!["error"]!["code"]!);

        var (_, view) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/calendarView?startDateTime=2026-03-16T00:00:00Z&endDateTime=2026-03-17T00:00:00Z",
            prefer: "outlook.timezone=\"W. Europe Standard Time\"");
        var occurrence = Assert.Single(view!["value"]!.AsArray());
        Assert.Equal("2026-03-16T09:00:00.0000000", (string)occurrence!["start"]!["dateTime"]!);
        Assert.Equal("W. Europe Standard Time", (string)occurrence["start"]!["timeZone"]!);
    }

    [Fact]
    public async Task Select_keeps_only_the_named_properties_and_the_id()
    {
        var id = host.Exchange.SeedContacts(Alice, 1)[0];
        var (response, contact) = await host.GraphAsync(HttpMethod.Get, $"/users/{Alice}/contacts/{id}?$select=givenName,surname");

        Assert.Equal(["@odata.etag", "id", "givenName", "surname"], contact!.AsObject().Select(p => p.Key));
        Assert.Contains("IdType=\"ImmutableId\"", response.Headers.GetValues("Preference-Applied").Single());
    }

    [Fact]
    public async Task CalendarView_delta_pages_inside_one_series_without_losing_or_repeating_occurrences()
    {
        host.Exchange.Seed(new SeedDocument
        {
            Events =
            [
                new SeedEvent
                {
                    Mailbox = Alice, Subject = "Daily", Start = "2026-02-02T09:00:00Z", End = "2026-02-02T09:30:00Z",
                    Recurrence = new SeedRecurrence { Type = "daily", RangeType = "numbered", NumberOfOccurrences = 10 },
                },
            ],
        });
        host.Exchange.SeedEvents(Alice, 2, new DateTime(2026, 2, 3, 12, 0, 0, DateTimeKind.Utc));

        var url = $"/users/{Alice}/calendarView/delta?startDateTime=2026-02-01T00:00:00Z&endDateTime=2026-03-01T00:00:00Z";
        var ids = new List<string>();
        var sizes = new List<int>();
        string? deltaLink = null;
        while (deltaLink is null)
        {
            var (_, page) = await host.GraphAsync(HttpMethod.Get, url, prefer: "odata.maxpagesize=3, IdType=\"ImmutableId\"");
            var values = page!["value"]!.AsArray();
            sizes.Add(values.Count);
            ids.AddRange(values.Select(v => (string)v!["id"]!));
            url = (string?)page["@odata.nextLink"] ?? "";
            deltaLink = (string?)page["@odata.deltaLink"];
        }

        Assert.Equal([3, 3, 3, 3], sizes);
        Assert.Equal(12, ids.Distinct().Count());
        var (_, nothing) = await host.GraphAsync(HttpMethod.Get, deltaLink);
        Assert.Empty(nothing!["value"]!.AsArray());
    }

    internal static string SeedSeries(ExchangeHost host) => host.Exchange.Seed(new SeedDocument
    {
        Events =
        [
            new SeedEvent
            {
                Mailbox = Alice, Subject = "Weekly sync", TimeZone = "W. Europe Standard Time",
                Start = "2026-03-16T09:00:00", End = "2026-03-16T10:00:00",
                Recurrence = new SeedRecurrence { Type = "weekly", DaysOfWeek = ["monday"], RangeType = "numbered", NumberOfOccurrences = 4 },
                Exceptions =
                [
                    new SeedException { OriginalStart = "2026-03-23T09:00:00", Start = "2026-03-24T14:00:00", End = "2026-03-24T15:00:00" },
                    new SeedException { OriginalStart = "2026-03-30T09:00:00", Cancelled = true },
                ],
            },
        ],
    }).Events[0];
}
