namespace OutlookCrm.Core.Domain;

/// <summary>
/// A person as both sides can hold one: an Exchange contact or a CRM Contact. Only the fields the
/// sync maps; <see cref="Custom"/> carries the configuration's custom mappings by their CRM field name.
/// </summary>
public sealed record Contact
{
    public string? GivenName { get; init; }
    public string? Surname { get; init; }
    public string? DisplayName { get; init; }

    /// <summary>Up to three addresses (EWS EmailAddress1..3); the first is the primary one.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];
    public string? BusinessPhone { get; init; }
    public string? MobilePhone { get; init; }
    public string? HomePhone { get; init; }
    public string? CompanyName { get; init; }
    public string? JobTitle { get; init; }
    public string? Department { get; init; }
    public PostalAddress? BusinessAddress { get; init; }

    /// <summary>The id of this item's partner on the other side, stamped on create (crash safety).</summary>
    public string? PartnerId { get; init; }

    /// <summary>
    /// Fields the side this contact was read from does not hold for it, as opposed to holding them empty:
    /// Salesforce has a company only as the name of the contact's Account, so one without an Account has
    /// no company there. The sync takes such a field from the other side instead of erasing it there.
    /// </summary>
    public IReadOnlyList<string> UnknownFields { get; init; } = [];

    /// <summary>Values of custom field mappings, keyed by the Exchange property or CRM field they map.</summary>
    public IReadOnlyDictionary<string, string?> Custom { get; init; } = new Dictionary<string, string?>();
}

public sealed record PostalAddress(string? Street, string? City, string? State, string? PostalCode, string? CountryOrRegion);
