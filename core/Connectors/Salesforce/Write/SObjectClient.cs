using System.Net;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Http;

namespace OutlookCrm.Core.Connectors.Salesforce.Write;

/// <summary>Single-record calls on <c>/sobjects/{T}</c>: for the add-in's one-off writes, not for the sync.</summary>
internal sealed class SObjectClient(SalesforceTransport transport)
{
    public async Task<string> CreateAsync(string sobject, JsonObject record, CancellationToken cancellationToken)
    {
        var result = await transport.SendAsync<SaveResult>(
            new SalesforceCall(HttpMethod.Post, $"{transport.DataPath}/sobjects/{sobject}", "sf.sobject.create", record), cancellationToken);
        return result?.Id ?? throw new SalesforceException(HttpStatusCode.Created, [new SalesforceError(SalesforceErrorCodes.Unknown, "create returned no id", [])]);
    }

    public Task UpdateAsync(string sobject, string id, JsonObject record, CancellationToken cancellationToken) =>
        transport.SendRawAsync(new SalesforceCall(HttpMethod.Patch, Path(sobject, id), "sf.sobject.update", record, Idempotent: true), cancellationToken);

    public Task DeleteAsync(string sobject, string id, CancellationToken cancellationToken) =>
        transport.SendRawAsync(new SalesforceCall(HttpMethod.Delete, Path(sobject, id), "sf.sobject.delete"), cancellationToken);

    /// <summary>
    /// <c>DELETE /sobjects/Event/{id}/fromThisEventOnwards</c>: this occurrence of a Lightning event series
    /// and every later one; on the first occurrence, the whole series (REST API, "Delete Lightning
    /// Experience Event Series"). Its answer is a sentence, not JSON, so only the status is read.
    /// </summary>
    public Task DeleteFromThisEventOnwardsAsync(string id, CancellationToken cancellationToken) =>
        transport.SendRawAsync(new SalesforceCall(HttpMethod.Delete, $"{Path("Event", id)}/fromThisEventOnwards", "sf.sobject.delete"), cancellationToken);

    public Task<JsonObject?> GetAsync(string sobject, string id, IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        transport.SendAsync<JsonObject?>(SalesforceCall.Get($"{Path(sobject, id)}?fields={string.Join(",", fields)}", "sf.sobject.get"), cancellationToken);

    /// <summary>
    /// <c>PATCH /sobjects/{T}/{field}/{value}</c>: 201 with the id when created; on update API 46+
    /// answers 200 with the id (older versions 204, then the id is read by the external id).
    /// </summary>
    public async Task<(string? Id, bool Created)> UpsertAsync(
        string sobject, string externalIdField, string externalId, JsonObject record, CancellationToken cancellationToken)
    {
        var path = $"{transport.DataPath}/sobjects/{sobject}/{externalIdField}/{Uri.EscapeDataString(externalId)}";
        var result = await transport.SendAsync<SaveResult?>(
            new SalesforceCall(HttpMethod.Patch, path, "sf.sobject.upsert", record, Idempotent: true), cancellationToken);
        return (result?.Id, result?.Created ?? false);
    }

    private string Path(string sobject, string id) => $"{transport.DataPath}/sobjects/{sobject}/{SalesforceId.Require(id)}";
}
