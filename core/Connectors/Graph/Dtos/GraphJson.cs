using System.Text.Json;
using System.Text.Json.Serialization;

namespace OutlookCrm.Core.Connectors.Graph.Dtos;

/// <summary>Graph's JSON conventions for the DTOs below: camelCase, enums as strings, unknown members ignored.</summary>
internal static class GraphJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Graph returned null for {typeof(T).Name}.");
}

/// <summary>A page of a collection or delta: items and either a nextLink or (last page of a delta round) a deltaLink.</summary>
internal sealed record GraphPage<T>(
    [property: JsonPropertyName("value")] List<T>? Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink,
    [property: JsonPropertyName("@odata.deltaLink")] string? DeltaLink);

/// <summary>Marks an item as removed in a delta answer: <c>"@removed": {"reason": "deleted"|"changed"}</c>.</summary>
internal sealed record RemovedDto(string? Reason);

internal sealed record ExtendedPropertyDto(string Id, string? Value);

internal sealed record EmailAddressDto(string? Name, string? Address);

internal sealed record RecipientDto(EmailAddressDto? EmailAddress);

internal sealed record DateTimeTimeZoneDto(string DateTime, string? TimeZone);

internal sealed record ItemBodyDto(string? ContentType, string? Content);

internal sealed record LocationDto(string? DisplayName);

internal sealed record PhysicalAddressDto(string? Street, string? City, string? State, string? PostalCode, string? CountryOrRegion);
