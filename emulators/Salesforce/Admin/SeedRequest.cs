using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Auth;

namespace OutlookCrm.Emulators.Salesforce.Admin;

/// <summary>
/// Body of <c>POST /__admin/seed</c>. Records are objects of Salesforce field names; a record may
/// carry <c>"ref":"acme"</c>, and later string values <c>"@acme"</c> become that record's id.
/// Users may carry <c>password</c> and <c>securityToken</c> for the username-password flow.
/// Seeding adds to what is there; <see cref="Reset"/> (or changing <see cref="WithoutExternalIdFields"/>) starts from an empty org.
/// </summary>
public sealed class SeedRequest
{
    public bool Reset { get; set; }
    public bool? WithoutExternalIdFields { get; set; }
    public int? SessionLifetimeSeconds { get; set; }
    public long? DailyApiMax { get; set; }
    public List<ConnectedApp> Apps { get; set; } = [];
    public List<JsonObject> Users { get; set; } = [];
    public List<JsonObject> Accounts { get; set; } = [];
    public List<JsonObject> Contacts { get; set; } = [];
    public List<JsonObject> Leads { get; set; } = [];
    public List<JsonObject> Opportunities { get; set; } = [];
    public List<JsonObject> OpportunityContactRoles { get; set; } = [];
    public List<JsonObject> Events { get; set; } = [];
    public List<JsonObject> EventRelations { get; set; } = [];
}

/// <summary>What seeding made: ids by <c>ref</c>, and how many records each type now holds.</summary>
public sealed record SeedResult(IReadOnlyDictionary<string, string> Ids, IReadOnlyDictionary<string, int> Counts);
