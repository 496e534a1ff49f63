using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Query;

namespace OutlookCrm.Core.Connectors.Salesforce.Write;

/// <summary>
/// Composite (<c>POST /composite</c>): up to 25 subrequests in one API call. The add-in lookup sends
/// its queries this way so an uncached lookup is one round trip whatever the number of addresses.
/// </summary>
internal sealed class CompositeClient(SalesforceTransport transport)
{
    public const int MaxSubrequests = 25;

    /// <summary>Runs read-only SOQL queries by reference id; a failed subrequest throws its own Salesforce error.</summary>
    public async Task<IReadOnlyDictionary<string, JsonElement>> QueryAsync(
        IReadOnlyList<(string ReferenceId, SoqlQuery Query)> queries, CancellationToken cancellationToken)
    {
        if (queries.Count is 0 or > MaxSubrequests)
        {
            throw new ArgumentOutOfRangeException(nameof(queries), queries.Count, $"Composite takes 1..{MaxSubrequests} subrequests.");
        }

        var subrequests = new JsonArray([.. queries.Select(q => (JsonNode)new JsonObject
        {
            ["method"] = "GET",
            ["url"] = $"{transport.DataPath}/query?q={Uri.EscapeDataString(q.Query.ToString())}",
            ["referenceId"] = q.ReferenceId,
        })]);
        var body = new JsonObject { ["allOrNone"] = false, ["compositeRequest"] = subrequests };
        var answer = await transport.SendAsync<CompositeResponse>(
            new SalesforceCall(HttpMethod.Post, $"{transport.DataPath}/composite", "sf.composite", body, Idempotent: true), cancellationToken);

        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var sub in answer?.Responses ?? [])
        {
            if (sub.HttpStatusCode >= 400)
            {
                throw new SalesforceException((System.Net.HttpStatusCode)sub.HttpStatusCode, SalesforceErrorReader.ReadErrors(sub.Body));
            }

            results[sub.ReferenceId] = sub.Body;
        }

        return results;
    }
}
