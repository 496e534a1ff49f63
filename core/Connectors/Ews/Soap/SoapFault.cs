using System.Net;
using System.Xml.Linq;

namespace OutlookCrm.Core.Connectors.Ews.Soap;

/// <summary>
/// Reads a SOAP 1.1 fault. Exchange puts its own code in <c>detail/e:ResponseCode</c> (and, with a
/// prefix, in <c>faultcode</c>); ErrorServerBusy carries <c>BackOffMilliseconds</c> in MessageXml.
/// Whole-request failures such as ErrorImpersonateUserDenied arrive this way, with HTTP 500.
/// </summary>
public static class SoapFault
{
    public static EwsException ToException(XElement fault, HttpStatusCode status)
    {
        var detail = fault.Element("detail");
        var code = detail?.Element(EwsXml.Errors + "ResponseCode")?.Value.Trim()
            ?? StripPrefix(fault.Element("faultcode")?.Value.Trim())
            ?? "SoapFault";
        var message = detail?.Element(EwsXml.Errors + "Message")?.Value.Trim()
            ?? fault.Element("faultstring")?.Value.Trim()
            ?? code;

        return code == EwsCodes.ServerBusy
            ? new EwsServerBusyException(message, EwsResponseMessage.BackOffFrom(detail?.Elements().FirstOrDefault(e => e.Name.LocalName == "MessageXml")))
            : new EwsException(code, message, status);
    }

    private static string? StripPrefix(string? qualified) =>
        qualified is null ? null : qualified[(qualified.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
