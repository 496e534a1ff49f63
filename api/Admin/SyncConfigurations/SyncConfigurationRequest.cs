namespace OutlookCrm.Api.Admin.SyncConfigurations;

/// <summary>
/// The body of <c>PUT /api/admin/sync-configurations/{name}</c> (CONTRACT.md §3). Enums travel as
/// strings so that a wrong value is a 400 naming its field, like every other validation failure.
/// </summary>
public sealed record SyncConfigurationRequest(
    bool? Active, IReadOnlyList<string?>? Users, ContactOptionsRequest? Contacts, EventOptionsRequest? Events, FieldMappingsRequest? FieldMappings);

public sealed record ContactOptionsRequest(string? Direction, string? ConflictWinner, bool? PropagateDeletes);

public sealed record EventOptionsRequest(string? Direction, string? ConflictWinner, string? SyncFrom, bool? IncludePrivate, bool? PropagateDeletes);

public sealed record FieldMappingsRequest(IReadOnlyList<FieldMappingRequest?>? Contacts, IReadOnlyList<FieldMappingRequest?>? Events);

public sealed record FieldMappingRequest(string? Crm, string? Exchange);

/// <summary>A configuration as <c>GET</c> answers it: the request's shape plus its name and times.</summary>
public sealed record SyncConfigurationResponse(
    string Name, bool Active, IReadOnlyList<string> Users, ContactOptionsResponse Contacts, EventOptionsResponse Events,
    FieldMappingsResponse FieldMappings, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ContactOptionsResponse(string Direction, string ConflictWinner, bool PropagateDeletes);

public sealed record EventOptionsResponse(string Direction, string ConflictWinner, string SyncFrom, bool IncludePrivate, bool PropagateDeletes);

public sealed record FieldMappingsResponse(IReadOnlyList<FieldMappingResponse> Contacts, IReadOnlyList<FieldMappingResponse> Events);

public sealed record FieldMappingResponse(string Crm, string Exchange);

public sealed record SyncConfigurationList(IReadOnlyList<SyncConfigurationResponse> Configurations);
