namespace OutlookCrm.Emulators.Salesforce.Schema;

/// <summary>One sObject type: key prefix and fields, looked up case-insensitively as Salesforce does.</summary>
public sealed class ObjectDef
{
    private readonly Dictionary<string, FieldDef> byName;
    private readonly Dictionary<string, FieldDef> byRelationship;

    public ObjectDef(string name, string label, string keyPrefix, IEnumerable<FieldDef> fields)
    {
        Name = name;
        Label = label;
        KeyPrefix = keyPrefix;
        Fields = fields.ToArray();
        byName = Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        byRelationship = Fields.Where(f => f.RelationshipName is not null)
            .ToDictionary(f => f.RelationshipName!, StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }
    public string Label { get; }
    public string KeyPrefix { get; }
    public IReadOnlyList<FieldDef> Fields { get; }

    public FieldDef? Field(string name) => byName.GetValueOrDefault(name);

    public FieldDef? Relationship(string relationshipName) => byRelationship.GetValueOrDefault(relationshipName);

    public IEnumerable<FieldDef> ExternalIdFields => Fields.Where(f => f.ExternalId || f.Name == "Id");
}
