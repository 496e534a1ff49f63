using System.Net;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>
/// A failed EWS call: <see cref="Code"/> is EWS's own ResponseCode (from a SOAP fault or a single
/// response message), or one of ours for transport-level failures (<c>ResponseTooLarge</c>,
/// <c>InvalidResponse</c>, <c>Http401</c>).
/// </summary>
public class EwsException(string code, string message, HttpStatusCode? status = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// Exchange kept answering ErrorServerBusy, or asked for a wait longer than we hold a worker for.
/// <see cref="BackOff"/> is what it asked (null when it did not say); the scheduler resumes after it.
/// </summary>
public sealed class EwsServerBusyException(string message, TimeSpan? backOff)
    : EwsException(EwsCodes.ServerBusy, message)
{
    public TimeSpan? BackOff { get; } = backOff;
}

/// <summary>EWS response codes this connector acts on.</summary>
public static class EwsCodes
{
    public const string NoError = "NoError";
    public const string ServerBusy = "ErrorServerBusy";
    public const string InvalidSyncStateData = "ErrorInvalidSyncStateData";
    public const string ItemNotFound = "ErrorItemNotFound";
    public const string IrresolvableConflict = "ErrorIrresolvableConflict";
    public const string ImpersonateUserDenied = "ErrorImpersonateUserDenied";
    public const string ImpersonationFailed = "ErrorImpersonationFailed";
    public const string NonExistentMailbox = "ErrorNonExistentMailbox";
    public const string ResponseTooLarge = "ResponseTooLarge";
    public const string InvalidResponse = "InvalidResponse";
}
