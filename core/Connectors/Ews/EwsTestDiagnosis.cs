using System.Net.Http;
using System.Security.Authentication;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>Turns a failed connection-test step into the remote code, a message and what an admin can do about it.</summary>
public static class EwsTestDiagnosis
{
    public const string ImpersonationHint = "Grant the service account the ApplicationImpersonation role for this mailbox";

    public static (string Code, string Message, string? Hint) Of(Exception ex, EwsAuthSettings auth) => ex switch
    {
        EwsTokenException token => (token.Error, token.Message,
            "Entra refused to issue a token: check the tenant id, client id and client secret of the app registration"),
        EwsException { Code: EwsCodes.ImpersonateUserDenied } e => (e.Code, e.Message, ImpersonationHint),
        EwsException { Code: EwsCodes.ImpersonationFailed } e => (e.Code, e.Message,
            "Impersonation failed: check the mailbox address and that the service account may impersonate it"),
        EwsException { Code: EwsCodes.NonExistentMailbox } e => (e.Code, e.Message,
            "No mailbox exists with this address: check the spelling and that the user has an Exchange mailbox"),
        EwsException { Code: "ErrorAccessDenied" or "ErrorFolderNotFound" } e => (e.Code, e.Message,
            "The service account can act as the mailbox but cannot open this folder: check the folder's permissions and the impersonation scope"),
        EwsException { Code: "Http401" } e => (e.Code, e.Message, auth is EwsBasicAuth
            ? "Wrong username or password for the service account (use user@domain or DOMAIN\\user, and check Basic authentication is enabled on the EWS virtual directory)"
            : "Exchange rejected the app's token: check the app has the EWS application permission full_access_as_app with admin consent"),
        EwsException { Code: "Http403" } e => (e.Code, e.Message, "The service account may not use EWS: check the EWS access policy of the account or organisation"),
        EwsException { Code: EwsCodes.ServerBusy } e => (e.Code, e.Message, "Exchange is throttling the service account; try again in a few minutes"),
        EwsException { Code: EwsCodes.InvalidResponse or EwsCodes.ResponseTooLarge or "Http404" } e => (e.Code, e.Message,
            "The address does not answer like EWS: check ewsUrl (usually https://<server>/EWS/Exchange.asmx)"),
        EwsException e => (e.Code, e.Message, null),
        HttpRequestException http when IsCertificateProblem(http) => ("SecureConnectionError", Describe(http),
            "Exchange's TLS certificate is not trusted. If it was issued by a private CA, put that CA's certificate (PEM) in the file named by Http__TrustedCaFile; an expired certificate or a name that does not match ewsUrl must be fixed on the server"),
        HttpRequestException http => (http.HttpRequestError.ToString(), Describe(http),
            "Exchange could not be reached: check ewsUrl and that this server can resolve and connect to it"),
        TimeoutException or OperationCanceledException => ("Timeout", ex.Message, "Exchange did not answer in time: check ewsUrl and the network path"),
        _ => (ex.GetType().Name, ex.Message, null),
    };

    private static bool IsCertificateProblem(HttpRequestException ex) =>
        ex.HttpRequestError == HttpRequestError.SecureConnectionError || ex.InnerException is AuthenticationException;

    /// <summary>The outer message is generic; the inner one names the certificate problem (UntrustedRoot, name mismatch…).</summary>
    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
}
