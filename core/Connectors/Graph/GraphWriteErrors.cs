using OutlookCrm.Core.Connectors.Graph.Batch;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>Turns a failed sub-response into a <see cref="WriteError"/> carrying Graph's own code, and decides its fate.</summary>
internal static class GraphWriteErrors
{
    public static WriteError From(BatchResponse response)
    {
        var kind = response.Status switch
        {
            404 => WriteErrorKind.NotFound,
            409 or 412 => WriteErrorKind.Conflict,
            // Throttling left after in-line retries, outages and lost permissions are not this item's fault: stop and come back.
            401 or 403 or 429 or >= 500 => WriteErrorKind.Transient,
            _ => WriteErrorKind.Item,
        };
        if (response.ErrorCode is "ErrorItemNotFound" or "ResourceNotFound")
        {
            kind = WriteErrorKind.NotFound;
        }

        return new WriteError(response.ErrorCode, response.ErrorMessage, kind, kind == WriteErrorKind.Transient ? response.RetryAfter : null);
    }
}
