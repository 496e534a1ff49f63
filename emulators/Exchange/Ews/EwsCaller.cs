using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using OutlookCrm.Emulators.Exchange.Auth;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>
/// Who is calling EWS and for which mailbox: Basic (a service account) or Bearer (an app with
/// <c>full_access_as_app</c>), then <c>ExchangeImpersonation</c> checked against the account's
/// impersonation grants or the app's access policy.
/// </summary>
internal sealed class EwsCaller(IMailboxStore store, BearerTokenValidator tokens)
{
    public static readonly string[] Audiences = ["https://outlook.office365.com", "00000002-0000-0ff1-ce00-000000000000"];

    /// <summary>The authenticated principal, or null (answer 401).</summary>
    public TokenPrincipal? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault() ?? "";
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            }
            catch (FormatException)
            {
                return null;
            }

            var colon = decoded.IndexOf(':');
            if (colon <= 0)
            {
                return null;
            }

            var account = store.FindServiceAccount(decoded[..colon]);
            return account is not null && account.Password == decoded[(colon + 1)..]
                ? new TokenPrincipal(null, account.Username, new HashSet<string>())
                : null;
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var principal = tokens.Validate(header[7..].Trim(), Audiences, out _);
            return principal is not null && principal.HasRole("full_access_as_app") ? principal : null;
        }

        return null;
    }

    /// <summary>The mailbox the call acts on; throws a fault the way EWS answers a bad impersonation.</summary>
    public MailboxInfo Target(TokenPrincipal caller, XElement? header)
    {
        var sid = header?.Element(T + "ExchangeImpersonation")?.Element(T + "ConnectingSID");
        if (sid is not null)
        {
            var address = (sid.Element(T + "SmtpAddress") ?? sid.Element(T + "PrimarySmtpAddress") ?? sid.Element(T + "PrincipalName"))?.Value;
            if (string.IsNullOrWhiteSpace(address))
            {
                throw new EwsFaultException(new EwsError("ErrorInvalidExchangeImpersonationHeaderData",
                    "The impersonation header must name the user by SmtpAddress, PrimarySmtpAddress or PrincipalName."));
            }

            var box = store.FindMailbox(address.Trim()) ?? throw new EwsFaultException(EwsError.NonExistentMailbox);
            var allowed = caller.Username is { } user
                ? store.FindServiceAccount(user)?.MayImpersonate(box.Smtp) == true
                : caller.AppId is not { } app || store.FindApp(app)?.MayAccess(box.Smtp) != false;
            return allowed ? box : throw new EwsFaultException(EwsError.ImpersonateDenied);
        }

        if (caller.Username is { } own)
        {
            return store.FindMailbox(own) ?? throw new EwsFaultException(EwsError.NonExistentMailbox);
        }

        throw new EwsFaultException(new EwsError("ErrorInvalidExchangeImpersonationHeaderData",
            "ExchangeImpersonation SOAP header must be present for this type of OAuth token."));
    }

    /// <summary>The impersonated address as written in the header (the throttling key before any check).</summary>
    public static string? ImpersonatedAddress(XElement? header)
    {
        var sid = header?.Element(T + "ExchangeImpersonation")?.Element(T + "ConnectingSID");
        return (sid?.Element(T + "SmtpAddress") ?? sid?.Element(T + "PrimarySmtpAddress") ?? sid?.Element(T + "PrincipalName"))?.Value.Trim();
    }
}
