namespace OutlookCrm.Emulators.Salesforce.Store;

/// <summary>Records per type in creation order with an id index and an index of unique external-id values.</summary>
public sealed class InMemorySalesforceStore : ISalesforceStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TypeTable> tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SObjectRecord> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> unique = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> references = new(StringComparer.Ordinal);

    public SObjectRecord? Get(string id)
    {
        lock (gate) { return byId.GetValueOrDefault(id); }
    }

    public IReadOnlyList<SObjectRecord> Snapshot(string type, bool includeDeleted)
    {
        lock (gate)
        {
            if (!tables.TryGetValue(type, out var table))
            {
                return [];
            }

            var result = new List<SObjectRecord>(table.Rows.Count);
            foreach (var row in table.Rows)
            {
                if (row is not null && (includeDeleted || !row.IsDeleted))
                {
                    result.Add(row);
                }
            }

            return result;
        }
    }

    public SObjectRecord? FindUnique(string type, string field, string value)
    {
        lock (gate)
        {
            return unique.TryGetValue(UniqueKey(type, field, value), out var id) ? byId.GetValueOrDefault(id) : null;
        }
    }

    public IReadOnlyList<SObjectRecord> Referencing(string type, string field, string id)
    {
        lock (gate)
        {
            return references.TryGetValue(ReferenceKey(type, field, id), out var ids)
                ? ids.Select(i => byId[i]).Where(r => !r.IsDeleted).ToList()
                : [];
        }
    }

    public void Put(SObjectRecord record)
    {
        lock (gate)
        {
            if (!tables.TryGetValue(record.Type.Name, out var table))
            {
                tables[record.Type.Name] = table = new TypeTable();
            }

            if (byId.TryGetValue(record.Id, out var previous))
            {
                Unindex(previous);
                table.Rows[table.Position[record.Id]] = record;
            }
            else
            {
                table.Position[record.Id] = table.Rows.Count;
                table.Rows.Add(record);
            }

            byId[record.Id] = record;
            Index(record);
        }
    }

    public void Remove(string id)
    {
        lock (gate)
        {
            if (!byId.Remove(id, out var record))
            {
                return;
            }

            Unindex(record);
            var table = tables[record.Type.Name];
            table.Rows[table.Position[id]] = null;
            table.Position.Remove(id);
        }
    }

    public int Count(string type, bool includeDeleted)
    {
        lock (gate)
        {
            return tables.TryGetValue(type, out var table)
                ? table.Rows.Count(r => r is not null && (includeDeleted || !r.IsDeleted))
                : 0;
        }
    }

    public T Exclusive<T>(Func<T> work)
    {
        lock (gate) { return work(); }
    }

    public void Clear()
    {
        lock (gate)
        {
            tables.Clear();
            byId.Clear();
            unique.Clear();
            references.Clear();
        }
    }

    private void Index(SObjectRecord record)
    {
        if (record.IsDeleted)
        {
            return;
        }

        foreach (var field in record.Type.Fields)
        {
            if (field.Unique && record[field.Name] is string value)
            {
                unique[UniqueKey(record.Type.Name, field.Name, value)] = record.Id;
            }
            else if (field.Type == "reference" && record[field.Name] is string target)
            {
                var key = ReferenceKey(record.Type.Name, field.Name, target);
                if (!references.TryGetValue(key, out var ids))
                {
                    references[key] = ids = new HashSet<string>(StringComparer.Ordinal);
                }

                ids.Add(record.Id);
            }
        }
    }

    private void Unindex(SObjectRecord record)
    {
        foreach (var field in record.Type.Fields)
        {
            if (field.Type == "reference" && record[field.Name] is string target
                && references.TryGetValue(ReferenceKey(record.Type.Name, field.Name, target), out var ids))
            {
                ids.Remove(record.Id);
            }

            if (field.Unique && record[field.Name] is string value
                && unique.TryGetValue(UniqueKey(record.Type.Name, field.Name, value), out var id) && id == record.Id)
            {
                unique.Remove(UniqueKey(record.Type.Name, field.Name, value));
            }
        }
    }

    private static string ReferenceKey(string type, string field, string id) =>
        string.Concat(type.ToUpperInvariant(), "\0", field.ToUpperInvariant(), "\0", id);

    private static string UniqueKey(string type, string field, string value) =>
        string.Concat(type.ToUpperInvariant(), "\0", field.ToUpperInvariant(), "\0", value.ToUpperInvariant());

    private sealed class TypeTable
    {
        public List<SObjectRecord?> Rows { get; } = [];
        public Dictionary<string, int> Position { get; } = new(StringComparer.Ordinal);
    }
}
