using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;
using static OutlookCrm.Core.Tests.Connectors.Graph.GraphFixtures;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

public sealed class GraphEventWriteTests
{
    private static readonly CalendarEvent CrmMeeting = new()
    {
        Subject = "Demo for Fabrikam",
        Body = "Bring the pricing sheet.",
        Start = new DateTimeOffset(2026, 3, 4, 13, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 3, 4, 14, 0, 0, TimeSpan.Zero),
        Location = "Fabrikam HQ",
        IsPrivate = true,
        ShowAs = ShowAs.Busy,
        Attendees = [new Attendee("bob@fabrikam.com", "Bob Lee"), new Attendee("carol@fabrikam.com", null, AttendeeType.Optional)],
        Recurrence = new Recurrence { Type = RecurrenceType.Weekly, DaysOfWeek = [DayOfWeek.Wednesday], StartDate = new DateOnly(2026, 3, 4), NumberOfOccurrences = 4 },
        PartnerId = "00UCRM42",
    };

    private static FakeGraph Calendar(JsonArray? attendeesOfExisting = null)
    {
        var fake = new FakeGraph();
        fake.On("POST", "/users/alice@contoso.com/events", r => FakeAnswer.Json(new JsonObject { ["id"] = "evt-new", ["changeKey"] = "ck-new" }, 201));
        fake.On("GET", "/events/evt-1?$select=id,changeKey,attendees,type", _ => FakeAnswer.Json(new JsonObject
        {
            ["id"] = "evt-1", ["changeKey"] = "ck-1", ["type"] = "singleInstance", ["attendees"] = attendeesOfExisting ?? new JsonArray(),
        }));
        fake.On("PATCH", "/events/evt-1", _ => FakeAnswer.Json(new JsonObject { ["id"] = "evt-1", ["changeKey"] = "ck-2" }));
        fake.On("DELETE", "/events/evt-1", _ => new FakeAnswer(204));
        return fake;
    }

    [Fact]
    public async Task No_write_body_ever_contains_attendees_they_go_to_the_body_text_and_an_extended_property()
    {
        var fake = Calendar();

        var outcomes = (await fake.Connector().Events.ApplyAsync(Scope,
        [
            new WriteRequest<CalendarEvent>("c", WriteKind.Create, null, null, CrmMeeting),
            new WriteRequest<CalendarEvent>("u", WriteKind.Update, "evt-1", "ck-1", CrmMeeting with { Subject = "Demo (moved)" }),
        ], default)).ToDictionary(o => o.Key);

        Assert.Equal(("evt-new", "ck-new"), (outcomes["c"].Id, outcomes["c"].Version));
        Assert.Equal("ck-2", outcomes["u"].Version);
        var writes = fake.All.Where(r => r.Method is "POST" or "PATCH").ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(fake.Requests.Concat(fake.SubRequests).Where(r => r.Body is not null), r => Assert.False(HasMember(JsonNode.Parse(r.Body!), "attendees"), r.Body));
        var created = JsonNode.Parse(writes.Single(w => w.Method == "POST").Body!)!;
        var text = created["body"]!["content"]!.GetValue<string>();
        Assert.StartsWith("Bring the pricing sheet.", text, StringComparison.Ordinal);
        Assert.Contains("Bob Lee <bob@fabrikam.com>", text, StringComparison.Ordinal);
        Assert.Contains("carol@fabrikam.com", text, StringComparison.Ordinal);
        var stamps = created["singleValueExtendedProperties"]!.AsArray().ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!["value"]!.GetValue<string>());
        Assert.Equal("00UCRM42", stamps[ExtendedProperties.PartnerId]);
        Assert.Equal("bob@fabrikam.com;carol@fabrikam.com", stamps[ExtendedProperties.CrmAttendees]);
        Assert.Equal("private", created["sensitivity"]!.GetValue<string>());
        Assert.Equal("2026-03-04T13:00:00.0000000", created["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("UTC", created["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("weekly", created["recurrence"]!["pattern"]!["type"]!.GetValue<string>());
        Assert.Equal("numbered", created["recurrence"]!["range"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reading_back_a_body_we_wrote_does_not_repeat_the_attendee_list()
    {
        var fake = Calendar();
        await fake.Connector().Events.ApplyAsync(Scope, [new WriteRequest<CalendarEvent>("c", WriteKind.Create, null, null, CrmMeeting)], default);
        var written = JsonNode.Parse(fake.SubRequests.Single(r => r.Method == "POST").Body!)!["body"]!["content"]!.GetValue<string>();
        var single = FakeGraph.Fixture("event-single.json");
        single["body"]!["content"] = written;
        fake.On("GET", "/events/AAMkAGIAAAoZDOFAAA=?$expand=", _ => FakeAnswer.Json(single));

        var read = Assert.Single(await fake.Connector().Events.ReadAsync(Scope, ["AAMkAGIAAAoZDOFAAA="], default));

        Assert.Equal("Bring the pricing sheet.", read.Body.Body);
    }

    [Fact]
    public async Task Updating_or_deleting_a_meeting_with_attendees_is_refused_without_touching_it()
    {
        var fake = Calendar(new JsonArray(new JsonObject
        {
            ["type"] = "required", ["status"] = new JsonObject { ["response"] = "accepted" },
            ["emailAddress"] = new JsonObject { ["name"] = "Bob", ["address"] = "bob@fabrikam.com" },
        }));

        var outcomes = await fake.Connector().Events.ApplyAsync(Scope,
        [
            new WriteRequest<CalendarEvent>("u", WriteKind.Update, "evt-1", "ck-1", CrmMeeting with { Attendees = [] }),
            new WriteRequest<CalendarEvent>("d", WriteKind.Delete, "evt-1", "ck-1", null),
        ], default);

        Assert.All(outcomes, o => Assert.Equal("OutlookCrmMeetingHasAttendees", o.Error?.Code));
        Assert.DoesNotContain(fake.All, r => r.Method is "PATCH" or "DELETE");
    }

    [Fact]
    public async Task An_admin_may_allow_meeting_changes_and_then_the_patch_still_carries_no_attendees()
    {
        var fake = Calendar(new JsonArray(new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = "bob@fabrikam.com" } }));

        var outcome = Assert.Single(await fake.Connector(new GraphConnectorOptions { AllowMeetingChanges = true }).Events.ApplyAsync(Scope,
            [new WriteRequest<CalendarEvent>("u", WriteKind.Update, "evt-1", null, CrmMeeting)], default));

        Assert.True(outcome.Succeeded);
        var patch = fake.SubRequests.Single(r => r.Method == "PATCH");
        Assert.False(HasMember(JsonNode.Parse(patch.Body!), "attendees"));
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_and_nothing_is_patched()
    {
        var fake = Calendar();

        var outcome = Assert.Single(await fake.Connector().Events.ApplyAsync(Scope,
            [new WriteRequest<CalendarEvent>("u", WriteKind.Update, "evt-1", "ck-0", CrmMeeting)], default));

        Assert.Equal(WriteErrorKind.Conflict, outcome.Error!.Kind);
        Assert.DoesNotContain(fake.All, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Every_request_and_every_batch_member_asks_for_immutable_ids()
    {
        var fake = Calendar();
        fake.On("GET", "/contacts/delta", _ => FakeAnswer.Json(new JsonObject { ["value"] = new JsonArray(GraphFixtures.Contact(1)), ["@odata.deltaLink"] = DeltaLink("/contacts/delta", "x") }));
        fake.On("GET", "/contacts?$select=id&$expand=", _ => FakeAnswer.Json(new JsonObject { ["value"] = new JsonArray() }));
        var connector = fake.Connector();

        await connector.Events.ApplyAsync(Scope,
        [
            new WriteRequest<CalendarEvent>("c", WriteKind.Create, null, null, CrmMeeting),
            new WriteRequest<CalendarEvent>("d", WriteKind.Delete, "evt-1", null, null),
        ], default);
        await foreach (var _ in connector.Contacts.ReadChangesAsync(Scope, null, default))
        {
        }

        await ((IPartnerStampReader<Contact>)connector.Contacts).ReadPartnerIdsAsync(Scope, Enumerable.Range(0, 21).Select(i => $"contact-{i}").ToList(), itemsOnSide: 21, default);

        fake.On("DELETE", "/contacts/c-9", _ => new FakeAnswer(204));
        await connector.Contacts.ApplyAsync(Scope, [new WriteRequest<Contact>("k", WriteKind.Delete, "c-9", null, null)], default);

        Assert.True(fake.Requests.Count >= 5);
        Assert.True(fake.SubRequests.Count >= 4);
        Assert.All(fake.Requests.Concat(fake.SubRequests), r => Assert.Contains("IdType=\"ImmutableId\"", r.Header("Prefer"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_all_day_event_is_written_as_midnight_to_midnight_of_its_dates()
    {
        var fake = Calendar();
        var fair = new CalendarEvent { Subject = "Trade fair", IsAllDay = true, StartDate = new DateOnly(2026, 4, 14), EndDate = new DateOnly(2026, 4, 16), ShowAs = ShowAs.OutOfOffice };

        await fake.Connector().Events.ApplyAsync(Scope, [new WriteRequest<CalendarEvent>("c", WriteKind.Create, null, null, fair)], default);

        var body = JsonNode.Parse(fake.SubRequests.Single().Body!)!;
        Assert.True(body["isAllDay"]!.GetValue<bool>());
        Assert.Equal("2026-04-14T00:00:00.0000000", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("2026-04-16T00:00:00.0000000", body["end"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("oof", body["showAs"]!.GetValue<string>());
        Assert.Null(body["singleValueExtendedProperties"]); // nothing to stamp: no partner id, no attendees
    }

    private static bool HasMember(JsonNode? node, string name) => node switch
    {
        JsonObject o => o.Any(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase) || HasMember(p.Value, name)),
        JsonArray a => a.Any(i => HasMember(i, name)),
        _ => false,
    };
}
