using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Api.Tests.Support;
using OutlookCrm.Emulators.Entra;
using SalesforceEmulator = OutlookCrm.Emulators.Salesforce.SalesforceEmulator;
using OutlookCrm.Emulators.Salesforce.Admin;

namespace OutlookCrm.Api.Tests.Browser;

/// <summary>
/// The task pane as a salesperson uses it: preview.html (the Office shim standing in for Outlook) in Debian's
/// Chromium at the pane's 320 px, on a meeting with a CRM contact, a CRM lead and an unknown address, against
/// the real API on a Kestrel port with the real Salesforce connector on the Salesforce emulator (HTTPS, its CA
/// trusted through <c>Http__TrustedCaFile</c>) and a real user token from the Entra emulator.
/// Screenshots: <c>test-artifacts/task-pane-{matches,created,linked}.png</c>.
/// </summary>
public sealed class TaskPaneBrowserTests
{
    private const string Alice = "alice@contoso.com";
    private const string Unknown = "dan.park@northwind.example";

    /// <summary>A meeting alice organises, as Office.js would describe it; the item id in EWS form, as Outlook hands it out.</summary>
    private static readonly JsonObject Meeting = new()
    {
        ["id"] = "fabrikam-review", ["label"] = "Fabrikam rollout review", ["itemType"] = "appointment", ["mode"] = "read",
        ["itemId"] = "AAMkAGBrowser/Fabrikam+Review1AAA=", ["subject"] = "Fabrikam rollout review", ["location"] = "Teams",
        ["start"] = "2027-03-02T14:00:00Z", ["end"] = "2027-03-02T15:00:00Z",
        ["organizer"] = Person(Alice, "Alice Wilson"),
        ["requiredAttendees"] = new JsonArray(Person("bob@fabrikam.com", "Bob Lee"), Person("grace@tailspin.example", "Grace Hall")),
        ["optionalAttendees"] = new JsonArray(Person(Unknown, "Park, Dan")),
    };

    [Fact]
    public async Task The_pane_shows_each_match_creates_the_unknown_as_a_contact_and_relates_the_meeting_once()
    {
        await using var host = await ApiHost.StartAsync();
        await using var org = await SalesforceOrg.StartAsync(host.Entra.Certificates);
        var ids = Seed(org.Emulator);
        await using var api = KestrelApi.Start(host);
        await ConnectCrmAsync(api.BaseUrl, host.AdminToken(), org);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync(320, 900);
        var token = host.Token(new TokenRequest { User = Alice });
        await page.AddInitScriptAsync(
            $"window.outlookCrmPreviewToken = () => Promise.resolve('{token}'); window.outlookCrmPreviewItems = [{Meeting.ToJsonString()}];");

        await page.GotoAsync($"{api.BaseUrl}/addin/preview.html");

        // Matches: one badge each, the contact's account and open opportunity, the lead's company.
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 people, 2 found in the CRM.", new() { Timeout = 30_000 });
        var bob = PaneLocators.Person(page, "Bob Lee");
        await Assertions.Expect(PaneLocators.Badge(bob, "Contact")).ToBeVisibleAsync();
        await Assertions.Expect(bob.GetByText("Fabrikam", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(bob.GetByRole(AriaRole.List, new() { Name = "Open opportunities of Bob Lee" })).ToContainTextAsync("Fabrikam rollout · Proposal/Price Quote");
        var grace = PaneLocators.Person(page, "Grace Hall");
        await Assertions.Expect(PaneLocators.Badge(grace, "Lead")).ToBeVisibleAsync();
        await Assertions.Expect(grace.GetByText("Tailspin Toys", new() { Exact = true })).ToBeVisibleAsync();
        var dan = PaneLocators.Person(page, "Park, Dan");
        await Assertions.Expect(PaneLocators.Badge(dan, "Unknown")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("li.person")).ToHaveCountAsync(3);
        await AssertFitsAsync(page);
        await Chromium.ScreenshotAsync(page, "task-pane-matches");

        // The unknown address becomes a contact owned by alice, with the name Outlook shows for it.
        await AccessibleButtons.ClickAsync(page, dan, "Create contact");
        var form = page.GetByRole(AriaRole.Form, new() { Name = $"New CRM record for {Unknown}" });
        await Assertions.Expect(form.GetByLabel("First name")).ToHaveValueAsync("Dan");
        await Assertions.Expect(form.GetByLabel("Last name (required)")).ToHaveValueAsync("Park");
        await AccessibleButtons.ClickAsync(page, form, "Create");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Contact Dan Park created.");
        await Assertions.Expect(PaneLocators.Badge(PaneLocators.Person(page, "Dan Park"), "Contact")).ToBeVisibleAsync();
        var created = Assert.Single(org.Emulator.GetRecords("Contact"), c => (string?)c["Email"] == Unknown);
        Assert.Equal(("Dan", "Park", ids["alice"]), ((string?)created["FirstName"], (string?)created["LastName"], (string?)created["OwnerId"]));
        await AssertFitsAsync(page);
        await Chromium.ScreenshotAsync(page, "task-pane-created");

        // Relate to the contact and the opportunity: the linked state, and one Event in the CRM.
        await RelateAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Meeting related to the CRM.");
        var relate = page.GetByRole(AriaRole.Region, new() { Name = "Relate to CRM" });
        await Assertions.Expect(relate.GetByText("Linked", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(relate.GetByRole(AriaRole.List, new() { Name = "Related records" })).ToContainTextAsync("Bob Lee");
        var linked = AssertOneEventRelatedTo(org.Emulator, ids["opportunity"], ids["bob"]);
        await AssertFitsAsync(page);
        await Chromium.ScreenshotAsync(page, "task-pane-linked");

        // Opened again, the pane knows the link; relating again updates the same Event.
        await page.ReloadAsync();
        await Assertions.Expect(relate.GetByText("Linked", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AccessibleButtons.ClickAsync(page, relate, "Change");
        await RelateAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Meeting related to the CRM.");
        Assert.Equal(linked, AssertOneEventRelatedTo(org.Emulator, ids["opportunity"], ids["bob"]));
        Assert.Empty(chromium.LeftTheMachine);
    }

    /// <summary>The relate form: only the seeded contact (a new contact is ticked too by default), and the opportunity.</summary>
    private static async Task RelateAsync(IPage page)
    {
        var relate = page.GetByRole(AriaRole.Region, new() { Name = "Relate to CRM" });
        await relate.GetByRole(AriaRole.Checkbox, new() { Name = "Dan Park (Contact)" }).UncheckAsync();
        await Assertions.Expect(relate.GetByRole(AriaRole.Checkbox, new() { Name = "Bob Lee (Contact)" })).ToBeCheckedAsync();
        await Assertions.Expect(relate.GetByRole(AriaRole.Checkbox, new() { Name = "Grace Hall (Lead)" })).Not.ToBeCheckedAsync();
        await relate.GetByRole(AriaRole.Radio, new() { Name = "Opportunity: Fabrikam rollout (Proposal/Price Quote)" }).CheckAsync();
        await AccessibleButtons.ClickAsync(page, relate, "Relate to CRM");
    }

    /// <summary>Exactly one Event, on the opportunity, with the contact as its only person; returns its id.</summary>
    private static string AssertOneEventRelatedTo(SalesforceEmulator crm, string opportunityId, string contactId)
    {
        var linked = Assert.Single(crm.GetRecords("Event"));
        Assert.Equal(opportunityId, (string?)linked["WhatId"]);
        Assert.Equal("Fabrikam rollout review", (string?)linked["Subject"]);
        var people = crm.GetRecords("EventRelation").Where(r => (string?)r["EventId"] == linked.Id && r["IsWhat"] is not true).ToList();
        Assert.Equal([contactId], people.Select(r => (string?)r["RelationId"]));
        return linked.Id;
    }

    private static async Task AssertFitsAsync(IPage page) => Assert.True(await Chromium.FitsItsWidthAsync(page), "the pane scrolls sideways at 320 px");

    /// <summary>The CRM user alice (the token's user), Fabrikam with Bob Lee and an open opportunity, and the lead Grace Hall.</summary>
    private static IReadOnlyDictionary<string, string> Seed(SalesforceEmulator crm) => crm.Seed(new SeedRequest
    {
        Users = [new JsonObject { ["ref"] = "alice", ["Username"] = Alice, ["Email"] = Alice, ["FirstName"] = "Alice", ["LastName"] = "Wilson" }],
        Accounts = [new JsonObject { ["ref"] = "fabrikam", ["Name"] = "Fabrikam", ["OwnerId"] = "@alice" }],
        Contacts =
        [
            new JsonObject
            {
                ["ref"] = "bob", ["FirstName"] = "Bob", ["LastName"] = "Lee", ["Email"] = "bob@fabrikam.com", ["Title"] = "CTO",
                ["AccountId"] = "@fabrikam", ["OwnerId"] = "@alice",
            },
        ],
        Leads = [new JsonObject { ["FirstName"] = "Grace", ["LastName"] = "Hall", ["Email"] = "grace@tailspin.example", ["Company"] = "Tailspin Toys", ["OwnerId"] = "@alice" }],
        Opportunities =
        [
            new JsonObject
            {
                ["ref"] = "opportunity", ["Name"] = "Fabrikam rollout", ["StageName"] = "Proposal/Price Quote", ["CloseDate"] = "2027-03-31",
                ["AccountId"] = "@fabrikam", ["OwnerId"] = "@alice",
            },
        ],
    }).Ids;

    /// <summary>The CRM connection an admin stores: client credentials of the emulator's connected app.</summary>
    private static async Task ConnectCrmAsync(string baseUrl, string adminToken, SalesforceOrg org)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await client.PutAsync("/api/admin/connections/crm", new StringContent(org.Connection("sf-secret"), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonObject Person(string email, string name) => new() { ["emailAddress"] = email, ["displayName"] = name };
}
