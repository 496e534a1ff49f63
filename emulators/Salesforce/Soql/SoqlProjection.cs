using System.Text.Json;
using OutlookCrm.Emulators.Salesforce.Schema;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>
/// A query's SELECT list as the JSON shape of one result record, planned once per page and then
/// streamed record by record to a <see cref="Utf8JsonWriter"/> (a 2,000-record page builds no
/// JSON tree). Shape as the REST API answers: <c>attributes</c>, the fields in SELECT order, a
/// relationship's fields grouped in one object with its own <c>attributes</c>, or null when the
/// reference is empty.
/// </summary>
internal sealed class SoqlProjection
{
    private readonly Node root = new();
    private readonly string apiVersion;
    private readonly Func<SObjectRecord, FieldDef, SObjectRecord?> parent;

    public SoqlProjection(SoqlQuery query, string apiVersion, Func<SObjectRecord, FieldDef, SObjectRecord?> parent)
    {
        this.apiVersion = apiVersion;
        this.parent = parent;
        foreach (var field in query.Select.OfType<FieldItem>())
        {
            var names = field.Path.OutputNames;
            var node = root;
            for (var i = 0; i < field.Path.Hops.Count; i++)
            {
                node = node.Relationship(names[i], field.Path.Hops[i]);
            }

            node.Field(names[^1], field.Path.Field);
        }
    }

    public void Write(Utf8JsonWriter writer, SObjectRecord record) => Write(writer, root, record);

    private void Write(Utf8JsonWriter writer, Node node, SObjectRecord record)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("attributes");
        writer.WriteString("type", record.Type.Name);
        writer.WriteString("url", $"/services/data/v{apiVersion}/sobjects/{record.Type.Name}/{record.Id}");
        writer.WriteEndObject();
        foreach (var entry in node.Entries)
        {
            writer.WritePropertyName(entry.Name);
            if (entry.Child is null)
            {
                SalesforceFormat.Write(writer, record[entry.Definition.Name]);
            }
            else if (parent(record, entry.Definition) is { } related)
            {
                Write(writer, entry.Child, related);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A field (no child) or a relationship (its reference field and the selected fields of the related record).</summary>
    private sealed record Entry(string Name, FieldDef Definition, Node? Child);

    private sealed class Node
    {
        public List<Entry> Entries { get; } = [];

        public Node Relationship(string name, FieldDef reference)
        {
            if (Entries.Find(e => e.Name == name) is { Child: { } existing })
            {
                return existing;
            }

            var child = new Node();
            Entries.Add(new Entry(name, reference, child));
            return child;
        }

        /// <summary>A field selected twice keeps its first place, as one JSON property.</summary>
        public void Field(string name, FieldDef field)
        {
            if (!Entries.Exists(e => e.Name == name))
            {
                Entries.Add(new Entry(name, field, null));
            }
        }
    }
}
