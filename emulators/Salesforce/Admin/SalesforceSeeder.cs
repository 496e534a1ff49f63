using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Auth;

namespace OutlookCrm.Emulators.Salesforce.Admin;

/// <summary>Applies a <see cref="SeedRequest"/>: settings, apps, users with logins, then records in dependency order.</summary>
public sealed class SalesforceSeeder(SalesforceEmulator emulator)
{
    public SeedResult Seed(SeedRequest seed)
    {
        var org = emulator.Org;
        var schemaChanges = seed.WithoutExternalIdFields is { } without && without == org.Schema.WithExternalIdFields;
        if (seed.Reset || schemaChanges)
        {
            emulator.ResetOrg(withExternalIdFields: !(seed.WithoutExternalIdFields ?? !org.Schema.WithExternalIdFields));
        }

        if (seed.SessionLifetimeSeconds is { } lifetime)
        {
            emulator.Auth.SessionLifetime = TimeSpan.FromSeconds(lifetime);
        }

        if (seed.DailyApiMax is { } max)
        {
            org.DailyApiMax = max;
        }

        foreach (var app in seed.Apps)
        {
            emulator.Auth.RegisterApp(app);
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in seed.Users)
        {
            var fields = (JsonObject)user.DeepClone();
            var password = Take(fields, "password");
            var token = Take(fields, "securityToken");
            var id = Create("User", fields, ids);
            if (password is not null)
            {
                emulator.Auth.RegisterLogin(new UserLogin { Username = (string)emulator.Org.Store.Get(id)!["Username"]!, Password = password, SecurityToken = token ?? "" });
            }
        }

        foreach (var (type, list) in new[]
        {
            ("Account", seed.Accounts), ("Contact", seed.Contacts), ("Lead", seed.Leads), ("Opportunity", seed.Opportunities),
            ("OpportunityContactRole", seed.OpportunityContactRoles), ("Event", seed.Events), ("EventRelation", seed.EventRelations),
        })
        {
            foreach (var record in list)
            {
                Create(type, (JsonObject)record.DeepClone(), ids);
            }
        }

        var counts = org.Schema.Objects.ToDictionary(o => o.Name, o => org.Store.Count(o.Name, includeDeleted: false));
        return new SeedResult(ids, counts);
    }

    private string Create(string type, JsonObject fields, Dictionary<string, string> ids)
    {
        var reference = Take(fields, "ref");
        foreach (var key in fields.Select(p => p.Key).ToList())
        {
            if (fields[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith('@') && ids.TryGetValue(text[1..], out var id))
            {
                fields[key] = id;
            }
        }

        var created = emulator.Records.Create(emulator.Records.RequireType(type), fields, emulator.AdminUserId, admin: true);
        if (reference is not null)
        {
            ids[reference] = created.Id;
        }

        return created.Id;
    }

    private static string? Take(JsonObject fields, string name)
    {
        var key = fields.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            return null;
        }

        var value = fields[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        fields.Remove(key);
        return value;
    }
}
