using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using static OutlookCrm.Emulators.Tests.Exchange.ExchangeHost;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>Raw SOAP for the EWS contract tests: envelopes written by hand in the documented shape.</summary>
internal static class EwsSoap
{
    public static readonly XNamespace S = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static readonly XNamespace T = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static readonly XNamespace E = "http://schemas.microsoft.com/exchange/services/2006/errors";

    public const string GetCalendarFolder = """
        <m:GetFolder>
          <m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>
          <m:FolderIds><t:DistinguishedFolderId Id="calendar" /></m:FolderIds>
        </m:GetFolder>
        """;

    public static string Envelope(string body, string? impersonate = Alice, string extraHeader = "") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                       xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"
                       xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
          <soap:Header>
            <t:RequestServerVersion Version="Exchange2016" />
            {(impersonate is null ? "" : $"<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>{impersonate}</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>")}
            {extraHeader}
          </soap:Header>
          <soap:Body>{body}</soap:Body>
        </soap:Envelope>
        """;

    public static async Task<(int Status, XDocument? Xml)> PostAsync(this ExchangeHost host, string envelope, string user = ServiceAccount,
        string password = ServicePassword, string? bearer = null, string? anchor = Alice)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/EWS/Exchange.asmx")
        {
            Content = new StringContent(envelope, Encoding.UTF8, "text/xml"),
        };
        request.Headers.Authorization = bearer is not null
            ? new AuthenticationHeaderValue("Bearer", bearer)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        if (anchor is not null)
        {
            request.Headers.Add("X-AnchorMailbox", anchor);
        }

        var response = await host.Ews.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : XDocument.Parse(text));
    }

    public static List<XElement> Messages(this XDocument xml) =>
        xml.Root!.Element(S + "Body")!.Elements().Single().Element(M + "ResponseMessages")!.Elements().ToList();

    /// <summary>A Graph-style (REST) id or a seeded id as the EWS id the SOAP front expects.</summary>
    public static string ToEws(string id) => Emulators.Exchange.Store.ItemId.TryParse(id, out var parsed) ? parsed.ToEws() : id;

    public static string Code(this XElement message) => message.Element(M + "ResponseCode")!.Value;

    public static string FaultCode(this XDocument xml) => xml.Root!.Element(S + "Body")!.Element(S + "Fault")!.Element("faultcode")!.Value;

    public static string FaultResponseCode(this XDocument xml) =>
        xml.Root!.Element(S + "Body")!.Element(S + "Fault")!.Element("detail")!.Element(E + "ResponseCode")!.Value;

    public static string SyncFolderItems(string folder, string? state, int max = 512, string shape = "IdOnly") => $"""
        <m:SyncFolderItems>
          <m:ItemShape><t:BaseShape>{shape}</t:BaseShape></m:ItemShape>
          <m:SyncFolderId><t:DistinguishedFolderId Id="{folder}" /></m:SyncFolderId>
          {(state is null ? "" : $"<m:SyncState>{state}</m:SyncState>")}
          <m:MaxChangesReturned>{max}</m:MaxChangesReturned>
          <m:SyncScope>NormalItems</m:SyncScope>
        </m:SyncFolderItems>
        """;

    public static string CalendarItem(string subject, string start, string end, string attendees = "") => $"""
        <t:CalendarItem>
          <t:Subject>{subject}</t:Subject>
          <t:Body BodyType="Text">Agenda</t:Body>
          <t:Start>{start}</t:Start>
          <t:End>{end}</t:End>
          <t:Location>Room 7</t:Location>
          {attendees}
        </t:CalendarItem>
        """;
}
