namespace OutlookCrm.Emulators.Salesforce.Schema;

/// <summary>One field as <c>describe</c> reports it; <see cref="Type"/> uses describe's names (string, email, reference, datetime…).</summary>
public sealed record FieldDef(string Name, string Type, string Label)
{
    public int Length { get; init; }
    public bool Createable { get; init; } = true;
    public bool Updateable { get; init; } = true;
    public bool Nillable { get; init; } = true;
    public bool DefaultedOnCreate { get; init; }
    public bool ExternalId { get; init; }
    public bool IdLookup { get; init; }
    public bool Unique { get; init; }
    public bool Calculated { get; init; }
    public string[] ReferenceTo { get; init; } = [];
    public string? RelationshipName { get; init; }
    public string[] Picklist { get; init; } = [];

    /// <summary>Must be given on create: not nillable, writable, and not filled in by the server.</summary>
    public bool Required => !Nillable && Createable && !DefaultedOnCreate && Type != "boolean";

    public bool IsText => Type is "string" or "email" or "phone" or "url" or "textarea" or "picklist" or "combobox" or "id" or "reference";

    public bool IsNumber => Type is "int" or "double" or "currency" or "percent";
}
