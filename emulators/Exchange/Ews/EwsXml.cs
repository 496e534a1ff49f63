using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>EWS namespaces, the SOAP envelope, ResponseMessage elements and SOAP faults.</summary>
internal static class EwsXml
{
    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static readonly XNamespace E = "http://schemas.microsoft.com/exchange/services/2006/errors";

    public static readonly XmlReaderSettings SafeReader = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        MaxCharactersInDocument = 64L * 1024 * 1024,
    };

    /// <summary>Parses a request with DTDs prohibited; a DOCTYPE throws <see cref="XmlException"/>.</summary>
    public static XDocument Parse(Stream body)
    {
        using var reader = XmlReader.Create(body, SafeReader);
        return XDocument.Load(reader);
    }

    public static XDocument Envelope(XElement response) => new(new XDeclaration("1.0", "utf-8", null),
        new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "s", Soap),
            new XElement(Soap + "Header",
                new XElement(T + "ServerVersionInfo",
                    new XAttribute(XNamespace.Xmlns + "h", T),
                    new XAttribute("MajorVersion", 15), new XAttribute("MinorVersion", 20),
                    new XAttribute("MajorBuildNumber", 7452), new XAttribute("MinorBuildNumber", 30),
                    new XAttribute("Version", "V2018_01_08"))),
            new XElement(Soap + "Body", response)));

    /// <summary><c>&lt;m:{Operation}Response&gt;&lt;m:ResponseMessages&gt;…</c></summary>
    public static XElement Response(string operation, IEnumerable<XElement> messages) =>
        new(M + (operation + "Response"),
            new XAttribute(XNamespace.Xmlns + "m", M), new XAttribute(XNamespace.Xmlns + "t", T),
            new XElement(M + "ResponseMessages", messages));

    public static XElement Success(string operation, params object?[] content) =>
        new(M + (operation + "ResponseMessage"), new XAttribute("ResponseClass", "Success"),
            new XElement(M + "ResponseCode", "NoError"), content);

    /// <summary>An error ResponseMessage: MessageText, ResponseCode, DescriptiveLinkKey, optional MessageXml, then the (empty) payload elements.</summary>
    public static XElement Error(string operation, EwsError error, params object?[] trailing) =>
        new(M + (operation + "ResponseMessage"), new XAttribute("ResponseClass", "Error"),
            new XElement(M + "MessageText", error.Message),
            new XElement(M + "ResponseCode", error.Code),
            new XElement(M + "DescriptiveLinkKey", 0),
            error.BackOffMilliseconds is { } ms
                ? new XElement(M + "MessageXml", new XElement(T + "Value", new XAttribute("Name", "BackOffMilliseconds"), ms))
                : null,
            trailing);

    /// <summary>A SOAP 1.1 fault as EWS writes it (sent with HTTP 500).</summary>
    public static XDocument Fault(EwsError error) => new(new XDeclaration("1.0", "utf-8", null),
        new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "s", Soap),
            new XElement(Soap + "Body",
                new XElement(Soap + "Fault",
                    new XElement("faultcode", new XAttribute(XNamespace.Xmlns + "a", T), "a:" + error.Code),
                    new XElement("faultstring", new XAttribute(XNamespace.Xml + "lang", "en-US"), error.Message),
                    new XElement("detail",
                        new XElement(E + "ResponseCode", new XAttribute(XNamespace.Xmlns + "e", E), error.Code),
                        new XElement(E + "Message", new XAttribute(XNamespace.Xmlns + "e", E), error.Message),
                        error.BackOffMilliseconds is { } ms
                            ? new XElement(T + "MessageXml", new XAttribute(XNamespace.Xmlns + "t", T),
                                new XElement(T + "Value", new XAttribute("Name", "BackOffMilliseconds"), ms))
                            : null)))));

    public static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) => Time(value.UtcDateTime);

    public static string Bool(bool value) => value ? "true" : "false";
}

/// <summary>An EWS ResponseCode with its MessageText (and BackOffMilliseconds for ErrorServerBusy).</summary>
internal sealed record EwsError(string Code, string Message, int? BackOffMilliseconds = null)
{
    public static readonly EwsError ItemNotFound = new("ErrorItemNotFound", "The specified object was not found in the store., The process failed to get the correct properties.");
    public static readonly EwsError IdMalformed = new("ErrorInvalidIdMalformed", "Id is malformed.");
    public static readonly EwsError Conflict = new("ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
    public static readonly EwsError InvalidSyncState = new("ErrorInvalidSyncStateData", "Synchronization state data is corrupt or otherwise invalid.");
    public static readonly EwsError ImpersonateDenied = new("ErrorImpersonateUserDenied", "The account does not have permission to impersonate the requested user.");
    public static readonly EwsError NonExistentMailbox = new("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.");
    public static readonly EwsError FolderNotFound = new("ErrorFolderNotFound", "The specified folder could not be found in the store.");
    public static readonly EwsError EndBeforeStart = new("ErrorCalendarEndDateIsEarlierThanStartDate", "EndDate is earlier than StartDate");
    public static readonly EwsError InvitationsRequired = new("ErrorSendMeetingInvitationsRequired", "The SendMeetingInvitations attribute is required for calendar items.");
    public static readonly EwsError CancellationsRequired = new("ErrorSendMeetingCancellationsRequired", "The SendMeetingCancellations attribute is required for calendar items.");

    public static EwsError ServerBusy(int? backOffMilliseconds) =>
        new("ErrorServerBusy", "The server cannot service this request right now. Try again later.", backOffMilliseconds);

    public static EwsError Schema(string detail) => new("ErrorSchemaValidation", $"The request failed schema validation: {detail}");

    public static EwsError InvalidRequest(string detail) => new("ErrorInvalidRequest", $"The request is invalid. {detail}".Trim());

    public static EwsError InvalidProperty(string detail) => new("ErrorInvalidPropertyRequest", detail);
}
