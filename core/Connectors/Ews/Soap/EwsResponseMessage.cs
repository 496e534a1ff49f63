using System.Globalization;
using System.Xml.Linq;

namespace OutlookCrm.Core.Connectors.Ews.Soap;

/// <summary>
/// One <c>*ResponseMessage</c> of a multi-item answer: EWS returns them in request order, each with
/// its own ResponseClass (Success / Warning / Error) and ResponseCode.
/// </summary>
public sealed record EwsResponseMessage(string ResponseClass, string Code, string? MessageText, TimeSpan? BackOff, XElement Element)
{
    public bool IsSuccess => Code == EwsCodes.NoError && ResponseClass != "Error";

    public bool IsServerBusy => Code == EwsCodes.ServerBusy;

    /// <summary>All response messages of an answer's body, in document (= request) order.</summary>
    public static IReadOnlyList<EwsResponseMessage> ListFrom(XDocument answer)
    {
        var container = answer.Root?.Element(EwsXml.Soap + "Body")?.Elements().FirstOrDefault()?.Element(EwsXml.M + "ResponseMessages")
            ?? throw new EwsException(EwsCodes.InvalidResponse, "The EWS answer holds no ResponseMessages.");
        return container.Elements().Select(Parse).ToList();
    }

    public static EwsResponseMessage Parse(XElement message) => new(
        (string?)message.Attribute("ResponseClass") ?? "Error",
        message.Element(EwsXml.M + "ResponseCode")?.Value.Trim() ?? "ErrorInternalServerError",
        message.Element(EwsXml.M + "MessageText")?.Value,
        BackOffFrom(message.Element(EwsXml.M + "MessageXml")),
        message);

    /// <summary>The <c>BackOffMilliseconds</c> value Exchange puts in MessageXml with ErrorServerBusy.</summary>
    public static TimeSpan? BackOffFrom(XElement? messageXml)
    {
        var value = messageXml?.Descendants()
            .FirstOrDefault(e => e.Name.LocalName == "Value" && (string?)e.Attribute("Name") == "BackOffMilliseconds")?.Value;
        return long.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;
    }

    /// <summary>Throws unless this message succeeded; used by operations that send one request item.</summary>
    public EwsResponseMessage EnsureSuccess()
    {
        if (IsSuccess)
        {
            return this;
        }

        throw IsServerBusy
            ? new EwsServerBusyException(MessageText ?? Code, BackOff)
            : new EwsException(Code, MessageText ?? Code);
    }
}
