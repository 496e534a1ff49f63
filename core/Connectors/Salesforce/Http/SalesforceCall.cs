namespace OutlookCrm.Core.Connectors.Salesforce.Http;

/// <summary>
/// One REST call relative to the instance: <paramref name="Path"/> starts with <c>/services/…</c>
/// (as <c>nextRecordsUrl</c> does). <paramref name="Operation"/> names it for call counting;
/// <paramref name="Idempotent"/> marks a POST/PATCH that is safe to repeat (a query, an upsert).
/// </summary>
internal sealed record SalesforceCall(HttpMethod Method, string Path, string Operation, object? Body = null, bool? Idempotent = null)
{
    public static SalesforceCall Get(string path, string operation) => new(HttpMethod.Get, path, operation);
}
