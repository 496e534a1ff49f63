using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OutlookCrm.Emulators.Salesforce.Admin;
using OutlookCrm.Emulators.Salesforce.Auth;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce;

/// <summary>
/// The Salesforce-specific admin surface (seed; "a person changed a record in the CRM"; clock,
/// sessions, allowance, the parsed queries) over HTTP and as a C# API for in-process tests and benchmarks.
/// </summary>
public sealed partial class SalesforceEmulator
{
    public SeedResult Seed(SeedRequest seed) => new SalesforceSeeder(this).Seed(seed);

    /// <summary>Adds an active user, optionally with a password and security token for the password flow; returns its id.</summary>
    public string AddUser(string username, string? email = null, string? password = null, string securityToken = "", string lastName = "User")
    {
        var user = Records.Create(Records.RequireType("User"), new JsonObject
        {
            ["Username"] = username, ["Email"] = email ?? username, ["LastName"] = lastName,
        }, AdminUserId, admin: true);
        if (password is not null)
        {
            Auth.RegisterLogin(new UserLogin { Username = username, Password = password, SecurityToken = securityToken });
        }

        return user.Id;
    }

    public void RegisterApp(ConnectedApp app) => Auth.RegisterApp(app);

    /// <summary>An access token for <paramref name="username"/> without an OAuth round trip.</summary>
    public string IssueAccessToken(string username = AdminUsername) => Auth.IssueSession(username).AccessToken;

    /// <summary>Creates <paramref name="count"/> contacts fast (Contact{i}, contact{i}@example.com unless <paramref name="shape"/> says otherwise); returns their ids.</summary>
    public IReadOnlyList<string> SeedContacts(int count, Func<int, JsonObject>? shape = null)
    {
        var type = Records.RequireType("Contact");
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var fields = shape?.Invoke(i) ?? new JsonObject
            {
                ["FirstName"] = "Contact", ["LastName"] = $"Number{i}", ["Email"] = $"contact{i}@example.com",
            };
            ids.Add(Records.Create(type, fields, AdminUserId, admin: true).Id);
        }

        return ids;
    }

    /// <summary>Creates one record as an admin (system fields allowed); returns its id.</summary>
    public string CreateRecord(string type, JsonObject fields) =>
        Records.Create(Records.RequireType(type), fields, AdminUserId, admin: true).Id;

    /// <summary>A person edits a record in the CRM: fields change and SystemModstamp moves, so /updated/ reports it.</summary>
    public SObjectRecord EditRecord(string type, string id, JsonObject fields) =>
        Records.Update(Records.RequireType(type), SalesforceIds.Normalize(id) ?? id, fields, AdminUserId, admin: true);

    /// <summary>A person deletes a record: it goes to the recycle bin, visible to queryAll and /deleted/.</summary>
    public void DeleteRecord(string id) => Records.Delete(null, SalesforceIds.Normalize(id) ?? id, AdminUserId);

    public SObjectRecord? GetRecord(string id) => Org.Store.Get(SalesforceIds.Normalize(id) ?? id);

    public IReadOnlyList<SObjectRecord> GetRecords(string type, bool includeDeleted = false) => Org.Store.Snapshot(type, includeDeleted);

    public int Count(string type, bool includeDeleted = false) => Org.Store.Count(type, includeDeleted);

    private void MapAdmin(WebApplication app)
    {
        var admin = app.MapGroup("/__admin");
        admin.MapPost("/seed", (SeedRequest seed) => Run(() => Results.Json(Seed(seed))));
        admin.MapPost("/records/{type}", (string type, JsonObject fields) =>
            Run(() => Results.Json(new JsonObject { ["id"] = CreateRecord(type, fields) }, statusCode: 201)));
        admin.MapPost("/records/{type}/{id}", (string type, string id, JsonObject fields) =>
            Run(() => Results.Json(AdminJson(EditRecord(type, id, fields)))));
        admin.MapDelete("/records/{type}/{id}", (string type, string id) => Run(() =>
        {
            DeleteRecord(id);
            return Results.NoContent();
        }));
        admin.MapPost("/records/{type}/{id}/delete", (string type, string id) => Run(() =>
        {
            DeleteRecord(id);
            return Results.NoContent();
        }));
        admin.MapGet("/records/{type}/{id}", (string type, string id) =>
            GetRecord(id) is { } record ? Results.Json(AdminJson(record)) : Results.NotFound());
        admin.MapGet("/records/{type}", (string type, bool? includeDeleted) =>
            Results.Json(new JsonArray(GetRecords(type, includeDeleted ?? false).Select(r => (JsonNode?)AdminJson(r)).ToArray())));
        admin.MapGet("/queries", () => Results.Json(Org.Queries.Entries));
        admin.MapGet("/counts", () => Results.Json(Org.Schema.Objects.ToDictionary(o => o.Name, o => Count(o.Name))));
        admin.MapPut("/settings", (SettingsRequest settings) =>
        {
            if (settings.SessionLifetimeSeconds is { } lifetime)
            {
                Auth.SessionLifetime = TimeSpan.FromSeconds(lifetime);
            }

            if (settings.DailyApiMax is { } max)
            {
                Org.DailyApiMax = max;
            }

            if (settings.ResetApiUsage)
            {
                Org.ResetApiUsage();
            }

            return Results.NoContent();
        });
        admin.MapPost("/sessions/expire", () =>
        {
            Auth.ExpireAllSessions();
            return Results.NoContent();
        });
        admin.MapPost("/clock/advance", (ClockRequest clock) =>
        {
            Org.AdvanceClock(TimeSpan.FromSeconds(clock.Seconds));
            return Results.Json(new JsonObject { ["now"] = SalesforceFormat.DateTime(Org.Now) });
        });
        admin.MapPost("/tokens", (TokenFor request) => Run(() => Results.Json(new JsonObject
        {
            ["access_token"] = IssueAccessToken(request.Username ?? AdminUsername),
            ["instance_url"] = BaseUrl,
        })));
    }

    private static IResult Run(Func<IResult> work)
    {
        try
        {
            return work();
        }
        catch (SalesforceApiException e)
        {
            return Results.Json(SalesforceErrors.RestBody(e.Errors), statusCode: e.Status);
        }
        catch (OAuthException e)
        {
            return Results.Json(SalesforceErrors.OAuthBody(e.Error, e.Message), statusCode: e.Status);
        }
    }

    private static JsonObject AdminJson(SObjectRecord record)
    {
        var node = new JsonObject { ["attributes"] = new JsonObject { ["type"] = record.Type.Name } };
        foreach (var field in record.Type.Fields)
        {
            node[field.Name] = SalesforceFormat.ToJson(record[field.Name]);
        }

        return node;
    }

    public sealed record SettingsRequest(int? SessionLifetimeSeconds, long? DailyApiMax, bool ResetApiUsage);

    public sealed record ClockRequest(double Seconds);

    public sealed record TokenFor(string? Username);
}
