using System.Net;
using System.Security.Authentication;
using OutlookCrm.Core.Connectors.Entra;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>What an admin can do about a failed connection-test step, keyed by the remote system's own code.</summary>
internal static class ConnectionHints
{
    public const string TlsFailure = "TlsCertificateRejected";

    public static (string Code, string Message, string Hint) ForToken(EntraTokenException e)
    {
        var aadsts = e.AadstsCode is { } n ? $" (AADSTS{n})" : "";
        var hint = (e.Code, e.AadstsCode) switch
        {
            ("invalid_client", _) => $"Wrong client secret or certificate{aadsts}: check that clientSecret is the secret's value (not its id) and not expired, or that the certificate is uploaded to the app registration.",
            (_, 700016) or ("unauthorized_client", _) => $"No such application in this tenant{aadsts}: check clientId and tenantId, and that an admin consented to the app.",
            (_, 90002 or 900023) or ("invalid_tenant", _) => $"No such tenant{aadsts}: check tenantId and the authority URL.",
            ("invalid_scope", _) => $"The scope was refused{aadsts}: the app needs Microsoft Graph application permissions (Calendars.ReadWrite, Contacts.ReadWrite).",
            _ => $"Entra ID refused the token request{aadsts}: check the app registration.",
        };
        return (e.Code, e.Message, hint);
    }

    public static (string Code, string Message, string Hint) ForGraph(GraphServiceException e, string step, string mailbox)
    {
        var hint = (e.Status, e.Code) switch
        {
            (HttpStatusCode.Forbidden, "Authorization_RequestDenied") =>
                "The app may not read this user from the directory: grant the User.Read.All application permission, with admin consent.",
            (HttpStatusCode.Forbidden, _) =>
                $"Access to {mailbox} is denied: an application access policy or an RBAC for Applications management scope excludes this mailbox, or the app lacks admin consent for Calendars.ReadWrite and Contacts.ReadWrite.",
            (HttpStatusCode.NotFound, _) =>
                $"No mailbox {mailbox}: check the address and that the user has an Exchange Online mailbox (licensed, not only a directory user).",
            (HttpStatusCode.Unauthorized, _) =>
                "Graph refused the token: check that the tenant and authority are the mailbox's own and that the app's permissions are application (not delegated) permissions.",
            (_, "MailboxNotEnabledForRESTAPI" or "ErrorMailboxNotEnabledForRESTAPI") =>
                $"{mailbox} is not reachable through Graph (on-premises or inactive mailbox): use an EWS connection for it.",
            (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable, _) =>
                "Graph is throttling this app or mailbox: try again in a few minutes.",
            _ => $"Graph refused the {step} step.",
        };
        return (e.Code, e.GraphMessage, hint);
    }

    /// <summary>A rejected server certificate anywhere in the chain of causes, described for an admin.</summary>
    public static (string Code, string Message, string Hint)? ForTransport(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException tls)
            {
                return (TlsFailure, tls.Message,
                    "The server's TLS certificate was rejected (" + tls.Message + "). If it is issued by a private CA (on-premises, the emulators), "
                    + "put that CA certificate (PEM) in the file named by Http__TrustedCaFile; otherwise check the certificate's host name and validity dates.");
            }
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException http)
            {
                return ("ConnectionFailed", http.Message, "Could not reach the server: check graphUrl / authority, DNS, proxy and firewall.");
            }
        }

        return null;
    }
}
