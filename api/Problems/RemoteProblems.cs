using System.Net;
using Microsoft.AspNetCore.Mvc;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Problems;

/// <summary>
/// Failures of the systems we call, as problems the caller can act on: what the CRM refused about
/// the data is the caller's 400/409 (with the CRM's own code), a spent API allowance or a missing
/// connection is 503, and so is a busy Exchange; an item id Exchange does not know is 404; anything
/// else from the remote side is 502.
/// </summary>
public static class RemoteProblems
{
    private static readonly HashSet<string> DataErrors = new(StringComparer.Ordinal)
    {
        "INVALID_EMAIL_ADDRESS", "REQUIRED_FIELD_MISSING", "STRING_TOO_LONG", "MALFORMED_ID", "INVALID_FIELD",
        "INVALID_CROSS_REFERENCE_KEY", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "INVALID_ID_FIELD", "NOT_FOUND", "ENTITY_IS_DELETED",
    };

    public static ProblemDetails? From(Exception exception) => exception switch
    {
        SyncRunException run => Problem(StatusCodes.Status503ServiceUnavailable, "Not configured", run.Message, run.Code),
        SalesforceException { ErrorCode: "DUPLICATE_VALUE" or "DUPLICATES_DETECTED" } sf => Problem(StatusCodes.Status409Conflict, "Already in the CRM", sf.SalesforceMessage, sf.ErrorCode),
        SalesforceException sf when DataErrors.Contains(sf.ErrorCode) => Problem(StatusCodes.Status400BadRequest, "The CRM refused the data", sf.SalesforceMessage, sf.ErrorCode),
        SalesforceException { ErrorCode: SalesforceErrorCodes.RequestLimitExceeded } sf => Problem(StatusCodes.Status503ServiceUnavailable, "CRM API allowance spent", sf.SalesforceMessage, sf.ErrorCode),
        SalesforceException sf => Problem(StatusCodes.Status502BadGateway, "The CRM failed", sf.SalesforceMessage, sf.ErrorCode),
        OutlookItemIdException id => Problem(StatusCodes.Status404NotFound, "Not an item of your mailbox", id.Message, id.Code),
        GraphServiceException { Status: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } graph =>
            Problem(StatusCodes.Status503ServiceUnavailable, "Exchange is busy", graph.GraphMessage, graph.Code),
        GraphServiceException graph => Problem(StatusCodes.Status502BadGateway, "Exchange refused the request", graph.GraphMessage, graph.Code),
        EwsServerBusyException ews => Problem(StatusCodes.Status503ServiceUnavailable, "Exchange is busy", ews.Message, ews.Code),
        EwsException ews => Problem(StatusCodes.Status502BadGateway, "Exchange refused the request", ews.Message, ews.Code),
        EntraTokenException entra => Problem(StatusCodes.Status502BadGateway, "Signing in to Exchange failed", entra.Message, entra.Code),
        HttpRequestException or TimeoutException => Problem(StatusCodes.Status502BadGateway, "A remote system did not answer", exception.Message, null),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail, string? code)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        return problem;
    }
}
