using System.Text.Json;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Connectors.Salesforce.Write;

namespace OutlookCrm.Core.Connectors.Salesforce.Relations;

/// <summary>
/// Finds the CRM people behind attendee addresses for a whole batch of events at once: SOQL on
/// Email (exact, and current, unlike SOSL) against Contact and unconverted Lead, 100 addresses per
/// query, both objects' queries for up to 1,200 addresses in ONE Composite call. A contact wins over
/// a lead with the same address; among several, the oldest record (lowest id).
/// </summary>
internal sealed class AttendeeDirectory(SalesforceApi api)
{
    public const int AddressesPerQuery = 100;

    /// <summary>Two subrequests (Contact, Lead) per chunk of addresses, within Composite's 25.</summary>
    public const int ChunksPerCall = CompositeClient.MaxSubrequests / 2;

    public sealed record Person(string Id, bool IsLead);

    /// <summary>Lower-case address → person, for the addresses that match anyone.</summary>
    public async Task<IReadOnlyDictionary<string, Person>> MatchAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Person>(StringComparer.Ordinal);
        var chunks = addresses.Select(a => a.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Chunk(AddressesPerQuery).ToList();
        foreach (var call in chunks.Chunk(ChunksPerCall))
        {
            var queries = call.SelectMany((chunk, i) => new[]
            {
                ($"contacts{i}", SoqlQuery.Select("Id", "Email").From("Contact").Where(SoqlCondition.In("Email", chunk)).OrderBy("Id")),
                ($"leads{i}", SoqlQuery.Select("Id", "Email").From("Lead").Where(SoqlCondition.Eq("IsConverted", false))
                    .Where(SoqlCondition.In("Email", chunk)).OrderBy("Id")),
            }).ToList();
            var results = await api.Composite.QueryAsync(queries, cancellationToken);
            foreach (var (reference, _) in queries.OrderBy(q => q.Item1.StartsWith("leads", StringComparison.Ordinal)))
            {
                foreach (var record in Records(results[reference]))
                {
                    if (record.Str("Email") is { } email && record.Str("Id") is { } id)
                    {
                        found.TryAdd(email.Trim().ToLowerInvariant(), new Person(id, SalesforceId.IsLead(id)));
                    }
                }
            }
        }

        return found;
    }

    private static IEnumerable<JsonElement> Records(JsonElement result) =>
        result.TryGetProperty("records", out var records) ? records.EnumerateArray() : [];
}
