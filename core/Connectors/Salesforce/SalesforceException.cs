using System.Net;

namespace OutlookCrm.Core.Connectors.Salesforce;

/// <summary>One entry of Salesforce's error array: <c>{"message","errorCode","fields"}</c>.</summary>
public sealed record SalesforceError(string ErrorCode, string Message, IReadOnlyList<string> Fields);

/// <summary>
/// Every failed Salesforce call, mapped once at the transport edge: the HTTP status, the first
/// error's <see cref="ErrorCode"/> (Salesforce's own code, e.g. <c>MALFORMED_QUERY</c>) and all errors.
/// </summary>
public class SalesforceException : Exception
{
    public SalesforceException(HttpStatusCode? status, IReadOnlyList<SalesforceError> errors, Exception? inner = null)
        : base(Describe(status, errors), inner)
    {
        Status = status;
        Errors = errors.Count > 0 ? errors : [new SalesforceError(SalesforceErrorCodes.Unknown, "", [])];
    }

    public HttpStatusCode? Status { get; }
    public IReadOnlyList<SalesforceError> Errors { get; }
    public string ErrorCode => Errors[0].ErrorCode;
    public string SalesforceMessage => Errors[0].Message;
    public IReadOnlyList<string> Fields => Errors[0].Fields;

    /// <summary>The org is out of API calls, locked or unavailable: stop the run and come back later.</summary>
    public bool IsTransient => SalesforceErrorCodes.IsTransient(ErrorCode) || Status == HttpStatusCode.ServiceUnavailable;

    private static string Describe(HttpStatusCode? status, IReadOnlyList<SalesforceError> errors)
    {
        var first = errors.Count > 0 ? errors[0] : null;
        var fields = first is { Fields.Count: > 0 } ? $" (fields: {string.Join(", ", first.Fields)})" : "";
        return $"Salesforce {(int?)status} {first?.ErrorCode ?? SalesforceErrorCodes.Unknown}: {first?.Message}{fields}";
    }
}

/// <summary>An OAuth token endpoint failure: <c>{"error":"invalid_grant","error_description":"..."}</c>.</summary>
public sealed class SalesforceAuthException(HttpStatusCode? status, string error, string description, Exception? inner = null)
    : SalesforceException(status, [new SalesforceError(error, description, [])], inner);
