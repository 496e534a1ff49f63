using System.Text.Json.Serialization;

namespace OutlookCrm.Core.Connectors.Graph.Dtos;

/// <summary>The contact fields we map, as Graph names them (https://learn.microsoft.com/graph/api/resources/contact).</summary>
internal sealed record ContactDto
{
    public string Id { get; init; } = "";
    public string? ChangeKey { get; init; }
    public string? GivenName { get; init; }
    public string? Surname { get; init; }
    public string? DisplayName { get; init; }
    public List<EmailAddressDto>? EmailAddresses { get; init; }
    public List<string>? BusinessPhones { get; init; }
    public string? MobilePhone { get; init; }
    public List<string>? HomePhones { get; init; }
    public string? CompanyName { get; init; }
    public string? JobTitle { get; init; }
    public string? Department { get; init; }
    public PhysicalAddressDto? BusinessAddress { get; init; }
    public List<ExtendedPropertyDto>? SingleValueExtendedProperties { get; init; }

    [JsonPropertyName("@removed")]
    public RemovedDto? Removed { get; init; }
}
