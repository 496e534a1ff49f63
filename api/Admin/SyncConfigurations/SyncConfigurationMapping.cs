using System.Globalization;
using System.Text.Json;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync;
using OutlookCrm.Core.Sync.Configuration;

namespace OutlookCrm.Api.Admin.SyncConfigurations;

/// <summary>Wire DTOs ⇄ the domain <see cref="SyncConfiguration"/>. Only called on validated requests.</summary>
public static class SyncConfigurationMapping
{
    public static SyncConfiguration ToDomain(this SyncConfigurationRequest request, string name) => new(
        name,
        request.Active!.Value,
        request.Users!.Select(u => u!.Trim().ToLowerInvariant()).ToList(),
        new ContactSyncOptions(Direction(request.Contacts!.Direction), Winner(request.Contacts.ConflictWinner), request.Contacts.PropagateDeletes ?? false),
        new EventSyncOptions(
            Direction(request.Events!.Direction), Winner(request.Events.ConflictWinner), SyncConfigurationValidator.ParseDate(request.Events.SyncFrom)!.Value,
            request.Events.IncludePrivate ?? false, request.Events.PropagateDeletes ?? false),
        new FieldMappings(Mappings(request.FieldMappings?.Contacts), Mappings(request.FieldMappings?.Events)));

    public static SyncConfigurationResponse ToResponse(this StoredSyncConfiguration stored)
    {
        var c = stored.Configuration;
        return new SyncConfigurationResponse(
            c.Name, c.Active, c.Users,
            new ContactOptionsResponse(Name(c.Contacts.Direction), Name(c.Contacts.ConflictWinner), c.Contacts.PropagateDeletes),
            new EventOptionsResponse(
                Name(c.Events.Direction), Name(c.Events.ConflictWinner), c.Events.SyncFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                c.Events.IncludePrivate, c.Events.PropagateDeletes),
            new FieldMappingsResponse(
                c.FieldMappings.Contacts.Select(m => new FieldMappingResponse(m.Crm, m.Exchange)).ToList(),
                c.FieldMappings.Events.Select(m => new FieldMappingResponse(m.Crm, m.Exchange)).ToList()),
            stored.CreatedAt, stored.UpdatedAt);
    }

    private static List<FieldMapping> Mappings(IReadOnlyList<FieldMappingRequest?>? mappings) =>
        (mappings ?? []).Select(m => new FieldMapping(m!.Crm!, m.Exchange!)).ToList();

    private static SyncDirection Direction(string? value) => Enum.Parse<SyncDirection>(value!, ignoreCase: true);

    private static ConflictWinner Winner(string? value) => Enum.Parse<ConflictWinner>(value!, ignoreCase: true);

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
